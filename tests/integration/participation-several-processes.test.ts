import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { registerForEventDate } from "~/modules/participation/participation.server";
import { tokyoSlot } from "~/utils/dates";

// Issue 13, item 3: with one server process per core, several processes write to the one SQLite file. A transaction
// that reads and then writes (a withdrawal promoting from the waitlist, registering again after withdrawing) must
// wait for another process's write, never fail. Two real processes churn the same date's list at once.

const run = promisify(execFile);
const TSX = path.resolve("node_modules", ".bin", "tsx");
const CHURN = path.resolve("tests", "support", "participation-churn.ts");

async function churn(eventDateId: number, rounds: number, userIds: number[]) {
  const { stdout } = await run(TSX, [CHURN, String(eventDateId), String(rounds), ...userIds.map(String)], {
    env: { ...process.env, NODE_ENV: "test" },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as { pid: number; done: number; failures: string[] };
}

describe("two processes changing one date's list at once", () => {
  it("withdrawals, promotions and registering again in two processes: none fails, and the counts stay exact", async () => {
    const group = await prisma.group.findFirstOrThrow({ where: { status: "approved" }, select: { id: true } });
    const startsAt = new Date(Date.now() + 9 * 86400_000);
    const CAPACITY = 6;
    const event = await prisma.event.create({
      data: {
        groupId: group.id,
        title: "テスト用 二つのプロセス",
        status: "published",
        registrationRequired: true,
        registrationCloseHours: 0,
        capacity: CAPACITY,
        dates: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), capacity: CAPACITY, ...tokyoSlot(startsAt) } },
      },
      select: { dates: { select: { id: true } } },
    });
    const eventDateId = event.dates[0]!.id;
    const stamp = `${Date.now()}`;
    await prisma.user.createMany({ data: Array.from({ length: 24 }, (_, i) => ({ email: `churn-${stamp}-${i}@example.jp`, name: `参加者 ${i}`, emailVerifiedAt: new Date() })) });
    const users = (await prisma.user.findMany({ where: { email: { startsWith: `churn-${stamp}-` } }, select: { id: true }, orderBy: { id: "asc" } })).map((u) => u.id);
    for (const userId of users) expect((await registerForEventDate({ userId, eventDateId, partySize: 1, consent: true })).ok).toBe(true);

    const ROUNDS = 6;
    const [a, b] = await Promise.all([churn(eventDateId, ROUNDS, users.slice(0, 12)), churn(eventDateId, ROUNDS, users.slice(12))]);
    expect(a.pid).not.toBe(b.pid);
    expect([...a.failures, ...b.failures]).toEqual([]);
    expect(a.done + b.done).toBe(users.length * ROUNDS);

    const statuses = await prisma.registration.groupBy({ by: ["status"], where: { eventDateId }, _count: true });
    const count = Object.fromEntries(statuses.map((s) => [s.status, s._count]));
    expect(count).toEqual({ accepted: CAPACITY, waitlisted: users.length - CAPACITY });
    const date = await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId }, select: { registeredCount: true } });
    expect(date.registeredCount).toBe(CAPACITY);
  }, 180_000);
});
