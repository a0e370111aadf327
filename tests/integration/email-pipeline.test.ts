import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { enqueueEmail, openEmail } from "~/modules/email/outbox.server";
import { action as signupAction } from "~/routes/signup";
import { TEST_PASSWORD, dataOf, ipFactory, postForm, uniqueEmail } from "../support/auth";
import type { RecordedRequest } from "../support/resend-recorder";
import { FAR_FUTURE, withEmailDelivery } from "../support/email-delivery";

// The outbox → Resend pipeline against a local recording server that speaks Resend's HTTP API
// (SECURITY.md row 32 and §4 G6): idempotency keys, retries with backoff, retry-after, dead letters, pacing.

const nextIp = ipFactory(14);
const SECOND = 1000;

const delivery = withEmailDelivery();

async function queue(options: { to?: string; template?: "login-code" | "outbox-dead" } = {}) {
  const to = options.to ?? uniqueEmail("mail");
  const idempotencyKey = `test/${to}`;
  await prisma.$transaction((tx) =>
    options.template === "outbox-dead"
      ? enqueueEmail(tx, { to, locale: "ja", template: "outbox-dead", vars: { count: 1, lastError: "earlier failure" }, idempotencyKey })
      : enqueueEmail(tx, { to, locale: "ja", template: "login-code", vars: { code: "12345678" }, idempotencyKey }),
  );
  return prisma.emailOutbox.findUniqueOrThrow({ where: { idempotencyKey } });
}

function deliver(now?: Date) {
  return delivery.sender.deliverDueEmails({ pace: false, ...(now ? { now: () => now } : {}) });
}

async function row(id: number) {
  return prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
}

type Payload = Record<string, unknown> & { to?: unknown; subject?: string; html?: string; text?: string };
const payloadOf = (r: RecordedRequest) => r.body as Payload;

async function activeStaffEmails(): Promise<string[]> {
  const staff = await prisma.user.findMany({ where: { status: "active", roles: { some: { role: { name: "staff" } } } }, select: { email: true } });
  return staff.map((s) => s.email).sort();
}

describe("sending through Resend", () => {
  it("sends a queued email through the Resend SDK with its Idempotency-Key, marks it sent, and never sends it twice", async () => {
    const queued = await queue();
    expect(await deliver()).toEqual({ sent: 1, retried: 0, dead: 0 });

    expect(delivery.recorder.requests).toHaveLength(1);
    const [request] = delivery.recorder.requests;
    expect(request!.headers["idempotency-key"]).toBe(queued.idempotencyKey);
    expect(request!.headers.authorization).toBe("Bearer re_test");
    expect(request!.headers["content-type"]).toMatch(/application\/json/);
    expect(request!.headers["user-agent"]).toMatch(/resend/i);
    // The code rests sealed in the outbox and is filled in only for the provider.
    const asSent = openEmail(queued)!;
    expect(queued.textBody).not.toContain("12345678");
    expect(asSent.textBody).toContain("12345678");
    expect(payloadOf(request!)).toMatchObject({ to: [queued.toAddress], subject: asSent.subject, text: asSent.textBody, html: asSent.htmlBody });
    expect(String(payloadOf(request!).from)).toMatch(/<noreply@/);

    const sent = await row(queued.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, providerId: "rec_1", lastError: "" });
    expect(sent.sentAt).not.toBeNull();

    expect(await deliver()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(1);

    // Playwright reads the same record over HTTP.
    const listed = (await (await fetch(`${delivery.recorder.url}/__recorded`)).json()) as { id: string; idempotencyKey: string; to: string[] }[];
    expect(listed).toEqual([expect.objectContaining({ id: "rec_1", idempotencyKey: queued.idempotencyKey, to: [queued.toAddress] })]);
  });

  it("a 500 is retried later with growing backoff, reusing the Idempotency-Key, until it goes through once", async () => {
    const queued = await queue();
    delivery.recorder.setBehaviour({ status: 500 });
    const t0 = new Date();
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const first = await row(queued.id);
    expect(first.status).toBe("pending");
    expect(first.attempts).toBe(1);
    expect(first.lastError).toContain("500");
    const delay1 = first.nextAttemptAt.getTime() - t0.getTime();
    expect(delay1).toBeGreaterThanOrEqual(15 * SECOND);
    expect(delay1).toBeLessThanOrEqual(30 * SECOND);

    // Not due yet: nothing is sent.
    expect(await deliver(new Date(t0.getTime() + SECOND))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(1);

    const t1 = first.nextAttemptAt;
    expect(await deliver(t1)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const second = await row(queued.id);
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt.getTime() - t1.getTime()).toBeGreaterThanOrEqual(30 * SECOND);

    delivery.recorder.setBehaviour("ok");
    expect(await deliver(second.nextAttemptAt)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(await row(queued.id)).toMatchObject({ status: "sent", attempts: 3 });
    expect(new Set(delivery.recorder.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([queued.idempotencyKey]));
    expect(delivery.recorder.delivered()).toHaveLength(1);
  });

  it.each([30, 600])("a 429 with retry-after: %i waits at least that long and keeps the email", async (seconds) => {
    const queued = await queue();
    delivery.recorder.setBehaviour({ status: 429, headers: { "retry-after": String(seconds) } });
    const t0 = new Date();
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const after = await row(queued.id);
    expect(after.status).toBe("pending");
    expect(after.attempts).toBe(1);
    expect(after.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(seconds * SECOND);
  });

  it("a 422 is permanent: the email is dead at once, the audit log records email.dead, and every active staff member gets an outbox-dead email", async () => {
    const queued = await queue();
    delivery.recorder.setBehaviour({ status: 422 });
    expect(await deliver()).toEqual({ sent: 0, retried: 0, dead: 1 });
    const dead = await row(queued.id);
    expect(dead).toMatchObject({ status: "dead", attempts: 1 });
    expect(dead.lastError).toContain("422");

    const audit = await prisma.auditLog.findFirst({ where: { action: "email.dead", entityType: "email", entityId: queued.id } });
    expect(audit).not.toBeNull();
    expect(JSON.parse(audit!.detail)).toMatchObject({ attempts: 1 });

    const staff = await activeStaffEmails();
    expect(staff.length).toBeGreaterThan(0);
    const alerts = await prisma.emailOutbox.findMany({ where: { template: "outbox-dead", idempotencyKey: { startsWith: `outbox-dead/${queued.id}/` } } });
    expect(alerts.map((a) => a.toAddress).sort()).toEqual(staff);
    expect(alerts.every((a) => a.status === "pending" && a.textBody.includes("422"))).toBe(true);
    // The alert does not leak the failed email's content, and the dead email is never tried again.
    expect(alerts.every((a) => !a.textBody.includes("12345678"))).toBe(true);
    delivery.recorder.setBehaviour("ok");
    await prisma.emailOutbox.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: FAR_FUTURE } });
    expect(await deliver()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(1);
  });

  it("after MAX_ATTEMPTS failures the email is dead and staff are told", async () => {
    const queued = await queue();
    delivery.recorder.setBehaviour({ status: 503 });
    let now = new Date();
    for (let attempt = 1; attempt <= delivery.sender.MAX_ATTEMPTS; attempt++) {
      const result = await deliver(now);
      const current = await row(queued.id);
      expect(current.attempts).toBe(attempt);
      if (attempt < delivery.sender.MAX_ATTEMPTS) {
        expect(result, `attempt ${attempt}`).toEqual({ sent: 0, retried: 1, dead: 0 });
        expect(current.status).toBe("pending");
        now = current.nextAttemptAt;
      } else {
        expect(result).toEqual({ sent: 0, retried: 0, dead: 1 });
        expect(current.status).toBe("dead");
      }
    }
    expect(delivery.recorder.requests).toHaveLength(delivery.sender.MAX_ATTEMPTS);
    expect(await prisma.auditLog.count({ where: { action: "email.dead", entityId: queued.id } })).toBe(1);
    const alerts = await prisma.emailOutbox.findMany({ where: { template: "outbox-dead", idempotencyKey: { startsWith: `outbox-dead/${queued.id}/` } } });
    expect(alerts.map((a) => a.toAddress).sort()).toEqual(await activeStaffEmails());
  });

  it("a staff alert that itself cannot be delivered does not set off another alert (no loop)", async () => {
    const alert = await queue({ template: "outbox-dead" });
    delivery.recorder.setBehaviour({ status: 422 });
    expect(await deliver()).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(await prisma.auditLog.count({ where: { action: "email.dead", entityId: alert.id } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { idempotencyKey: { startsWith: `outbox-dead/${alert.id}/` } } })).toBe(0);
  });

  it("sends at most 2 emails per second: 3 emails take at least 1 s", async () => {
    await queue();
    await queue();
    await queue();
    const started = Date.now();
    expect(await delivery.sender.deliverDueEmails()).toEqual({ sent: 3, retried: 0, dead: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const at = delivery.recorder.requests.map((r) => r.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(450);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(450);
  });
});

describe("mail header and HTML injection (row 32)", () => {
  function expectSingleRecipientNoHeaders(request: RecordedRequest, to: string) {
    const payload = payloadOf(request);
    expect(payload.to).toEqual([to]);
    expect(Object.keys(payload).sort()).toEqual(["from", "html", "subject", "text", "to"]);
    expect(payload.subject).not.toMatch(/[\r\n]/);
    expect(String(payload.from)).not.toMatch(/[\r\n]|evil/);
  }

  it("a name with CR/LF and 'Bcc:' signing up adds no recipient or header, and <script> is escaped in the HTML", async () => {
    const email = uniqueEmail("crlf");
    const name = "山田\r\nBcc: x@evil.example<script>alert(1)</script>";
    const outcome = await postForm(signupAction, "/signup", { name, email, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() });
    expect(dataOf(outcome).step).toBe("verify");
    expect(await deliver()).toEqual({ sent: 1, retried: 0, dead: 0 });

    expect(delivery.recorder.requests).toHaveLength(1);
    const request = delivery.recorder.requests[0]!;
    expectSingleRecipientNoHeaders(request, email);
    const payload = payloadOf(request);
    expect(payload.html).toContain("&lt;script&gt;");
    expect(payload.html).not.toMatch(/<script/i);
    expect(payload.text).not.toMatch(/\r|\nBcc:/);
  });

  it("even a name stored without form validation (CR/LF inside) cannot break out of a single line in the email", async () => {
    const to = uniqueEmail("raw-name");
    const idempotencyKey = `test/${to}`;
    await prisma.$transaction((tx) =>
      enqueueEmail(tx, { to, locale: "ja", template: "verify-email", vars: { name: "太郎\r\nBcc: x@evil.example\r\n\r\n<b>偽</b>", code: "12345678" }, idempotencyKey }),
    );
    expect(await deliver()).toEqual({ sent: 1, retried: 0, dead: 0 });
    const request = delivery.recorder.requests[0]!;
    expectSingleRecipientNoHeaders(request, to);
    const payload = payloadOf(request);
    expect(payload.text).not.toMatch(/\r|\nBcc:/);
    expect(payload.html).toContain("&lt;b&gt;偽&lt;/b&gt;");
  });

  it("only the portal's own links are clickable in an HTML email: a web address typed as a name stays plain text", async () => {
    const hrefsOf = (html: string) => [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]!);

    // Anyone can sign up with someone else's address: the confirmation email must not carry their link.
    const email = uniqueEmail("link-name");
    const outcome = await postForm(signupAction, "/signup", { name: "https://evil.example/login", email, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() });
    expect(dataOf(outcome).step).toBe("verify");
    // A reset email carries both a name and the portal's own link.
    const to = uniqueEmail("link-reset");
    await prisma.$transaction((tx) =>
      enqueueEmail(tx, { to, locale: "ja", template: "reset-password", vars: { name: "https://evil.example/login", link: "http://localhost:3000/reset-password?token=abc" }, idempotencyKey: `test/${to}` }),
    );
    expect(await deliver()).toEqual({ sent: 2, retried: 0, dead: 0 });

    const [signupMail, resetMail] = delivery.recorder.requests.map((r) => String(payloadOf(r).html));
    const resetHrefs = hrefsOf(resetMail!);
    expect(resetHrefs).toContain("http://localhost:3000/reset-password?token=abc");
    for (const href of [...hrefsOf(signupMail!), ...resetHrefs]) expect(href.startsWith("http://localhost:3000/"), href).toBe(true);
  });
});

describe("a provider outage", () => {
  it("costs one try per pause, not an attempt of every queued email, and everything goes out once, at once, when it ends", async () => {
    const rows = [await queue(), await queue(), await queue(), await queue(), await queue()];
    delivery.recorder.setBehaviour({ status: 503 });
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // The first email fails: the sender stops there and pauses, leaving the other four untouched.
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(1);
    expect(await deliver(at(2 * SECOND))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(1);
    // After the pause (5 s) one more try, on the next email; the pause doubles.
    expect(await deliver(at(6 * SECOND))).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(await deliver(at(12 * SECOND))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(delivery.recorder.requests).toHaveLength(2);
    // The provider is back: the next try succeeds and every email that is due goes out in the same beat.
    delivery.recorder.setBehaviour("ok");
    const back = await deliver(at(17 * SECOND));
    // The three never tried, and the first one too if its backoff (15–30 s) has run out.
    expect(back.sent).toBeGreaterThanOrEqual(3);
    expect(back).toMatchObject({ retried: 0, dead: 0 });
    // The ones that failed come back after their own backoff and go out too.
    expect(await deliver(at(60 * SECOND))).toEqual({ sent: 5 - back.sent, retried: 0, dead: 0 });
    const after = await Promise.all(rows.map((r) => row(r.id)));
    expect(after.every((r) => r.status === "sent")).toBe(true);
    expect(Math.max(...after.map((r) => r.attempts))).toBe(2);
    expect(delivery.recorder.delivered().map((r) => r.headers["idempotency-key"]).sort()).toEqual(rows.map((r) => r.idempotencyKey).sort());
  });

  it("waits out the provider's retry-after before the next try", async () => {
    await queue();
    await queue();
    delivery.recorder.setBehaviour({ status: 429, headers: { "retry-after": "40" } });
    const t0 = new Date();
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    delivery.recorder.setBehaviour("ok");
    expect(await deliver(new Date(t0.getTime() + 30 * SECOND))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await deliver(new Date(t0.getTime() + 41 * SECOND))).toEqual({ sent: 2, retried: 0, dead: 0 });
  });
});

describe("stopping the sender at shutdown", () => {
  it("finishes and records the email being sent, claims no further one, and the rest go out after a restart", async () => {
    const rows = [await queue(), await queue(), await queue()];
    // The provider answers slowly; shutdown is asked while the first email is on its way.
    let askedToStop = false;
    delivery.recorder.setBehaviour(() => {
      if (!askedToStop) {
        askedToStop = true;
        delivery.sender.stopSendingAfterCurrent();
      }
      return { status: 200, delayMs: 200 };
    });
    try {
      expect(await deliver()).toEqual({ sent: 1, retried: 0, dead: 0 });
      expect(delivery.recorder.requests).toHaveLength(1);
      expect((await row(rows[0]!.id)).status).toBe("sent");
      // The other two were never claimed: due as they were, not waiting out a lease.
      for (const r of rows.slice(1)) expect(await row(r.id)).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: r.nextAttemptAt });
    } finally {
      delivery.sender.resumeSending();
      delivery.recorder.setBehaviour("ok");
    }
    // Started again, the sender delivers the two left, each once.
    expect(await deliver()).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(delivery.recorder.delivered().map((r) => r.headers["idempotency-key"]).sort()).toEqual(rows.map((r) => r.idempotencyKey).sort());
  });
});
