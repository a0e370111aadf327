import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { RATE_LIMITS } from "~/modules/auth/rate-limit.server";
import { createResident, createSession, type TestUser } from "../support/factories";
import { startResendRecorder, type ResendRecorder } from "../support/resend-recorder";
import { runBurst } from "../support/registration-burst";

// Run on PostgreSQL only (vitest.config.ts), against the production build. Two instances of the portal on this
// test's database behind nginx, started by `npm run instances:two` (scripts/two-instances.mjs) as an operator
// would: sessions, rate limits and the public caches hold across them, every email is sent once by one sender, and
// a rush for seats through both (SECURITY.md G3 on PostgreSQL) fills exactly the seats there are, with no error
// (how long it takes is a benchmark's business, not this test's).

let topology: ChildProcess;
let output = "";
let origin = "";
let direct: [string, string] = ["", ""];
let recorder: ResendRecorder;
let event: { id: number; dateIds: number[] };
let residents: { user: TestUser; cookie: string }[] = [];
/** A capacity no seeded date has, so 「残り N 名」 on the page can only be this date's. */
const SEATS = 37;

async function addDate(capacity: number, days: number) {
  const startsAt = new Date(Date.now() + days * 86_400_000);
  const date = await prisma.eventDate.create({
    data: { eventId: event.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), status: "scheduled", capacity, registeredCount: 0 },
    select: { id: true },
  });
  return date.id;
}

beforeAll(async () => {
  recorder = await startResendRecorder({ port: 0 });
  const found = await prisma.event.findFirstOrThrow({
    where: { status: "published", registrationRequired: true, group: { status: "approved" } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  event = { id: found.id, dateIds: [] };
  event.dateIds = [await addDate(SEATS, 9), await addDate(SEATS, 10)];
  residents = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      const user = await createResident({ name: `二拠点 住民${i}` });
      return { user, cookie: await createSession(user) };
    }),
  );
  // The public address is nginx's, which the script chooses (the test setup's APP_ORIGIN is not it).
  const { APP_ORIGIN: _unused, ...inherited } = process.env;
  topology = spawn(process.execPath, ["scripts/two-instances.mjs"], {
    env: {
      ...inherited,
      NODE_ENV: "production",
      TZ: "America/Los_Angeles",
      WEB_CONCURRENCY: "1",
      SEED: "0",
      PUBLIC_CACHE_TTL_MS: "30000",
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: recorder.url,
      EMAIL_WORKER_INTERVAL_MS: "200",
      REQUEST_LOG: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  topology.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  topology.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 170_000;
  for (;;) {
    const m = /two instances behind nginx: (\S+) \(A (\S+), B (\S+)\)/.exec(output);
    if (m) {
      origin = m[1]!;
      direct = [`http://${m[2]!}`, `http://${m[3]!}`];
      break;
    }
    if (topology.exitCode !== null || Date.now() > deadline) throw new Error(`the two instances did not start:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  if (topology && topology.exitCode === null) {
    topology.kill("SIGTERM");
    await new Promise((resolve) => topology.once("exit", resolve));
  }
  await recorder?.close();
});

const register = (cookie: string, eventDateId: number, from: string) =>
  fetch(`${from}/events/${event.id}`, {
    method: "POST",
    redirect: "manual",
    // The address residents use is nginx's: the Origin check compares with it, whichever instance answers.
    headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "ja" },
    body: new URLSearchParams({ intent: "register", eventDateId: String(eventDateId), partySize: "1", consent: "on" }),
  });

describe("two instances on one PostgreSQL database behind nginx", () => {
  it("nginx spreads requests over both instances", async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${origin}/healthz`);
      expect(res.status).toBe(200);
      upstreams.add(res.headers.get("x-upstream")!);
    }
    expect([...upstreams].sort()).toEqual(direct.map((d) => d.replace("http://", "")).sort());
  });

  it("a signed-in resident stays signed in whichever instance answers", async () => {
    const { cookie, user } = residents[0]!;
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i += 1) {
      const res = await fetch(`${origin}/me`, { headers: { Cookie: cookie, "Accept-Language": "ja" }, redirect: "manual" });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(user.name);
      upstreams.add(res.headers.get("x-upstream")!);
    }
    expect(upstreams.size).toBe(2);
  });

  it("a registration answered by one instance is on the other's cached page within a second", async () => {
    const page = `/events/${event.id}`;
    // Both instances keep the anonymous page (read from each directly: reads need no proxy).
    for (const instance of direct) {
      await fetch(`${instance}${page}`, { headers: { "Accept-Language": "ja" } });
      const cached = await fetch(`${instance}${page}`, { headers: { "Accept-Language": "ja" } });
      expect(cached.headers.get("x-page-cache")).toBe("hit");
      expect(await cached.text()).toContain(`残り ${SEATS} 名`);
    }
    // The write goes through nginx (the public address, which the Origin check expects); then the other one is read.
    const registered = await register(residents[1]!.cookie, event.dateIds[0]!, origin);
    expect(registered.status).toBe(303);
    const written = Date.now();
    const writer = registered.headers.get("x-upstream")!;
    const b = direct.find((d) => !d.endsWith(writer))!;
    expect(b).toBeDefined();
    let body = "";
    while (Date.now() - written < 1_000) {
      body = await (await fetch(`${b}${page}`, { headers: { "Accept-Language": "ja" } })).text();
      if (body.includes(`残り ${SEATS - 1} 名`)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(body).toContain(`残り ${SEATS - 1} 名`);
    expect(Date.now() - written).toBeLessThan(1_000);
  });

  it("the login limit counts attempts made on either instance together", async () => {
    const { user } = residents[2]!;
    const statuses: number[] = [];
    const upstreams = new Set<string>();
    for (let i = 0; i < 24; i += 1) {
      const res = await fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "ja" },
        body: new URLSearchParams({ email: user.email, password: "wrong-password-1234", redirectTo: "/me" }),
      });
      statuses.push(res.status);
      upstreams.add(res.headers.get("x-upstream")!);
    }
    expect(upstreams.size).toBe(2);
    // One account's attempts are checked up to its limit and refused after, whichever instance answers; two
    // instances keeping counts of their own would each have checked that many.
    const limit = RATE_LIMITS.loginPerAccount.limit;
    expect(statuses.slice(0, limit).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
  }, 60_000);

  it("every queued email is delivered exactly once, by one sender at Resend's pace, though both instances queue them", async () => {
    const eventDateId = event.dateIds[1]!;
    const people = residents.slice(3, 11);
    for (const { cookie } of people) expect((await register(cookie, eventDateId, origin)).status).toBe(303);
    const addresses = people.map((p) => p.user.email);
    const sentTo = (address: string) => recorder.requests.filter((r) => (r.body as { to?: string[] }).to?.includes(address));
    const deadline = Date.now() + 30_000;
    while (!addresses.every((a) => sentTo(a).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Long enough for a second sender to have sent anything twice.
    await new Promise((r) => setTimeout(r, 1_500));
    for (const address of addresses) expect(sentTo(address).map((r) => r.status), address).toEqual([200]);
    const arrivals = recorder.requests.map((r) => r.at).sort((x, y) => x - y);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(450);
  }, 60_000);

  it("200 residents rushing for 30 seats through both instances fill exactly 30 (G3 on PostgreSQL)", async () => {
    const dateId = await addDate(30, 11);
    const stamp = crypto.randomBytes(3).toString("hex");
    const users = await Promise.all(Array.from({ length: 200 }, (_, i) => createResident({ email: `rush-${stamp}-${i}@example.jp` })));
    const cookies = await Promise.all(users.map((u) => createSession(u)));
    const { answers } = await runBurst(origin, { eventId: event.id, dateIds: [dateId], cookies }, dateId, "two-instances-test");
    expect(answers.filter((a) => a.status >= 500 || a.status === 0)).toEqual([]);
    expect(answers.every((a) => a.status === 303)).toBe(true);
    const outcomes = await prisma.registration.groupBy({ by: ["status"], where: { eventDateId: dateId }, _count: true });
    const count = (status: string) => outcomes.find((o) => o.status === status)?._count ?? 0;
    expect(count("accepted")).toBe(30);
    expect(count("waitlisted")).toBe(170);
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).registeredCount).toBe(30);
  }, 120_000);
});
