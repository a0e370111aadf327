import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { forgetEnv } from "~/utils/env.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginCodeAction } from "~/routes/login_.code";
import { loader as resetLoader } from "~/routes/reset-password";
import { inviteMember } from "~/modules/groups/groups.server";
import { dataOf, ipFactory, postForm, resetLinkFrom, tokenFromLink, uniqueEmail } from "../support/auth";
import { createResident } from "../support/factories";
import { FAR_FUTURE, withEmailDelivery } from "../support/email-delivery";
import { callLoader } from "./helpers";

// Issue 8 item 6: a copy of the database (or a backup) holds no working credential. Reset links, login codes and
// invitation links reach the recipient through the real Resend SDK, but never rest readable in EmailOutbox.

const nextIp = ipFactory(42);
const DAY = 86_400_000;

const delivery = withEmailDelivery();

/** The database file and its write-ahead log, as a thief with a copy of DATA_DIR's database would read them. */
function databaseBytes(): Buffer {
  const file = process.env.DATABASE_PATH!;
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

function deliveredTo(address: string) {
  const request = delivery.recorder.requests.find((r) => (r.body as { to: string[] }).to.includes(address));
  if (!request) throw new Error(`nothing delivered to ${address}`);
  return request.body as { subject: string; text: string; html: string };
}

async function outboxText(address: string): Promise<string> {
  return JSON.stringify(await prisma.emailOutbox.findMany({ where: { toAddress: address } }));
}

describe("secrets don't rest in the outbox (item 6)", () => {
  it("after a reset request and its delivery, the live reset token appears nowhere in the database file or its WAL", async () => {
    const user = await createResident();
    expect(dataOf(await postForm(forgotAction, "/forgot-password", { email: user.email }, { ip: nextIp() }))).toMatchObject({ sent: true });
    const queued = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: user.email, template: "reset-password" } });
    expect(await delivery.sender.deliverDueEmails({ pace: false })).toMatchObject({ sent: 1 });

    const mail = deliveredTo(user.email);
    const link = resetLinkFrom(mail.text);
    const token = tokenFromLink(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain(`href="${link}"`);
    // The token is live: the person can still use it.
    expect((await callLoader(resetLoader, `/reset-password?token=${token}`)).valid).toBe(true);

    expect(databaseBytes().includes(token)).toBe(false);
    expect((await prisma.emailOutbox.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("sent");
  });

  it("a login code and an invitation link waiting to be sent are not readable in the outbox either", async () => {
    const user = await createResident();
    expect(dataOf(await postForm(loginCodeAction, "/login/code", { intent: "send", email: user.email }, { ip: nextIp() })).step).toBe("code");
    const owner = await createResident();
    const group = await prisma.group.findFirstOrThrow({ select: { id: true } });
    const invitee = uniqueEmail("invitee");
    const { token } = await inviteMember(group.id, owner.id, { email: invitee, role: "editor", locale: "ja" });

    expect(databaseBytes().includes(token)).toBe(false);
    expect(await delivery.sender.deliverDueEmails({ pace: false })).toMatchObject({ sent: 2 });
    const code = /(\d{8})/.exec(deliveredTo(user.email).text)![1]!;
    expect(deliveredTo(invitee).text).toContain(token);
    expect(await outboxText(user.email)).not.toContain(code);
    expect(databaseBytes().includes(token)).toBe(false);
  });

  it("the local mail viewer (no provider configured) still shows the code", async () => {
    delete process.env.RESEND_API_KEY;
    forgetEnv();
    const user = await createResident();
    expect(dataOf(await postForm(loginCodeAction, "/login/code", { intent: "send", email: user.email }, { ip: nextIp() })).step).toBe("code");
    const { listRecentEmails } = await import("~/modules/email/viewer.server");
    const shown = (await listRecentEmails()).find((m) => m.toAddress === user.email);
    expect(shown?.textBody).toMatch(/\d{8}/);
    expect(await outboxText(user.email)).not.toMatch(new RegExp(/(\d{8})/.exec(shown!.textBody)![1]!));
  });

  it("sent and dead emails are purged after the retention period; pending ones and recent ones stay", async () => {
    const user = await createResident();
    const make = (status: string, ageDays: number) =>
      prisma.emailOutbox.create({
        data: {
          toAddress: user.email,
          locale: "ja",
          template: "login-code",
          subject: "s",
          textBody: "t",
          htmlBody: "h",
          idempotencyKey: `retention/${user.id}/${status}/${ageDays}`,
          status,
          createdAt: new Date(Date.now() - ageDays * DAY),
          sentAt: status === "sent" ? new Date(Date.now() - ageDays * DAY) : null,
          nextAttemptAt: FAR_FUTURE,
        },
      });
    const oldSent = await make("sent", delivery.sender.EMAIL_RETENTION_DAYS + 1);
    const oldDead = await make("dead", delivery.sender.EMAIL_RETENTION_DAYS + 1);
    const recentSent = await make("sent", 1);
    const oldPending = await make("pending", delivery.sender.EMAIL_RETENTION_DAYS + 1);
    await delivery.sender.purgeDeliveredEmails();
    const left = (await prisma.emailOutbox.findMany({ where: { toAddress: user.email } })).map((r) => r.id).sort();
    expect(left).toEqual([recentSent.id, oldPending.id].sort());
    expect(left).not.toContain(oldSent.id);
    expect(left).not.toContain(oldDead.id);
  });
});
