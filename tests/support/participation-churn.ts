import { registerForEventDate, withdrawRegistration } from "~/modules/participation/participation.server";
import { assertDatabasePragmas, prisma } from "~/utils/db.server";

// One of several processes sharing the SQLite file, as the workers of a clustered server do: for each resident it
// is given, withdraws and registers again, `rounds` times, all residents at once. A withdrawal promotes from the
// waitlist (it reads the queue, then writes); registering again finds the withdrawn row, then takes a place (read,
// then write). Prints what failed as one JSON line.
// Usage: tsx tests/support/participation-churn.ts <eventDateId> <rounds> <userId>...

const [eventDateId, rounds, ...userIds] = process.argv.slice(2).map(Number);
if (!eventDateId || !rounds || userIds.length === 0) throw new Error("usage: participation-churn.ts <eventDateId> <rounds> <userId>...");

await assertDatabasePragmas();
const failures: string[] = [];
let done = 0;
await Promise.all(
  userIds.map(async (userId) => {
    for (let round = 0; round < rounds; round += 1) {
      try {
        const registration = await prisma.registration.findFirstOrThrow({ where: { eventDateId, userId }, select: { id: true } });
        const withdrawn = await withdrawRegistration({ userId, registrationId: registration.id });
        if (!withdrawn.ok) failures.push(`withdraw ${userId}: ${withdrawn.reason}`);
        const again = await registerForEventDate({ userId, eventDateId, partySize: 1, consent: true });
        if (!again.ok) failures.push(`register ${userId}: ${again.reason}`);
        done += 1;
      } catch (error) {
        failures.push(`${userId}: ${error instanceof Error ? error.message.split("\n").filter(Boolean).slice(-1)[0] : String(error)}`);
      }
    }
  }),
);
console.log(JSON.stringify({ pid: process.pid, done, failures }));
await prisma.$disconnect();
