import { Resend } from "resend";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueEmail, openEmail } from "./outbox.server";

// Sends queued emails through the real Resend SDK. Tests and development point RESEND_BASE_URL at a local
// recording server. Without RESEND_API_KEY nothing is sent: emails stay readable in the outbox viewer.

export const MAX_ATTEMPTS = 8;
/** Resend allows 2 requests per second per team by default. */
export const MIN_INTERVAL_MS = 500;
/** A claimed row is leased for this long, so two app instances never send the same row at once. */
const LEASE_MS = 5 * 60 * 1000;
/** Sent and dead emails are kept this long (to answer "did my email go out?"), then deleted. */
export const EMAIL_RETENTION_DAYS = 30;
/** Emails that are deleted as soon as they are sent: the farewell after an account deletion names the person. */
const PURGED_ON_SEND = new Set(["account-deleted"]);

export function emailSendingEnabled(): boolean {
  return Boolean(getEnv().RESEND_API_KEY);
}

let client: Resend | undefined;
function resend(): Resend {
  const { RESEND_API_KEY, RESEND_BASE_URL } = getEnv();
  client ??= new Resend(RESEND_API_KEY, RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : undefined);
  return client;
}

/** Exponential backoff with full jitter: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempt: number, random = Math.random): number {
  const cap = Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

type SendOutcome = { ok: true; providerId: string } | { ok: false; retryAfterMs?: number; error: string; permanent: boolean; status?: number };

/**
 * When the provider itself fails (5xx, 429, no answer), the next email would fail the same way: this process pauses
 * its sending (5 s, doubling to 1 min, or the provider's retry-after) and tries one email when the pause ends, instead
 * of spending an attempt of every queued email on the outage. The first success ends the pause, and everything due
 * goes out at the usual pace: a 15-minute outage costs each queued email one or two attempts, not its eight.
 */
export const OUTAGE_PAUSE_MS = { first: 5_000, max: 60_000 };
let providerPausedUntil = 0;
let outagePauseMs = 0;

/** A provider that never answers must not stall the worker; the idempotency key makes a retry safe. */
export const SEND_TIMEOUT_MS = 15_000;

type OpenedEmail = { toAddress: string; idempotencyKey: string; email: NonNullable<ReturnType<typeof openEmail>> | null };

async function sendOne({ toAddress, idempotencyKey, email }: OpenedEmail): Promise<SendOutcome> {
  // Sealed under another key: retrying cannot help, and staff hear about the dead email.
  if (!email) return { ok: false, error: "sealed secrets cannot be opened with this OUTBOX_SECRET_KEY", permanent: true };
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the email provider within ${SEND_TIMEOUT_MS} ms`)), SEND_TIMEOUT_MS);
    });
    // Extra headers (List-Unsubscribe of a digest) go as the SDK's `headers`; none: the field is left out.
    const extra = Object.keys(email.headers).length ? { headers: email.headers } : {};
    const send = resend().emails.send(
      { from: getEnv().EMAIL_FROM, to: [toAddress], subject: email.subject, text: email.textBody, html: email.htmlBody, ...extra },
      { idempotencyKey },
    );
    const { data, error, headers } = await Promise.race([send, timeout]).finally(() => clearTimeout(timer));
    if (data?.id) return { ok: true, providerId: data.id };
    const status = error?.statusCode ?? 0;
    const retryAfter = Number(headers?.["retry-after"]);
    return {
      ok: false,
      error: `${status} ${error?.name ?? "error"}`.slice(0, 500),
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      // 4xx other than 408/409/429 will not succeed by retrying (bad address, validation).
      permanent: status >= 400 && status < 500 && ![408, 409, 429].includes(status),
      status,
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 500) : "send failed", permanent: false };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** When the provider last answered this process, kept across runs: the next beat's first email keeps the pace too. */
let lastAnswerAt = 0;

/**
 * Sends due emails, one at a time at most every MIN_INTERVAL_MS. Returns what happened, for logs and tests.
 * Rows that fail MAX_ATTEMPTS times become "dead" and staff are told (audit log + an email to staff).
 */
let stopRequested = false;
/**
 * Asked at shutdown: the send in progress finishes and is recorded, and no further row is claimed (a claimed row
 * whose send never happened would wait out its lease). `resumeSending` undoes it (tests).
 */
export function stopSendingAfterCurrent() {
  stopRequested = true;
}
export function resumeSending() {
  stopRequested = false;
  providerPausedUntil = 0;
  outagePauseMs = 0;
}

export async function deliverDueEmails(options: { now?: () => Date; limit?: number; pace?: boolean } = {}) {
  const now = options.now ?? (() => new Date());
  const result = { sent: 0, retried: 0, dead: 0 };
  if (!emailSendingEnabled()) return result;
  if (now().getTime() < providerPausedUntil) return result;
  const due = await prisma.emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { id: "asc" },
    take: options.limit ?? 50,
    select: { id: true, toAddress: true, template: true, subject: true, textBody: true, htmlBody: true, sealedSecrets: true, headers: true, idempotencyKey: true, attempts: true, nextAttemptAt: true },
  });
  for (const row of due) {
    if (stopRequested) break;
    // Claim with a conditional update: only one instance wins the row.
    const claimed = await prisma.emailOutbox.updateMany({
      where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(now().getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const opened = { toAddress: row.toAddress, idempotencyKey: row.idempotencyKey, email: openEmail(row) };
    if (options.pace !== false) {
      const wait = lastAnswerAt + MIN_INTERVAL_MS - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const outcome = await sendOne(opened);
    // Counted from when the provider answered, not from when we sent: a slow send or a jittery network must not
    // let two requests land at the provider closer together than its 2-per-second limit.
    lastAnswerAt = Date.now();
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      outagePauseMs = 0;
      if (PURGED_ON_SEND.has(row.template)) await prisma.emailOutbox.delete({ where: { id: row.id } });
      // Delivered: the secrets have done their job and leave the database.
      else await prisma.emailOutbox.update({ where: { id: row.id }, data: { status: "sent", attempts, sentAt: now(), providerId: outcome.providerId, lastError: "", sealedSecrets: "" } });
      result.sent += 1;
    } else if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      await markDead(row.id, attempts, outcome.error, now());
      result.dead += 1;
    } else {
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts));
      await prisma.emailOutbox.update({
        where: { id: row.id },
        data: { attempts, lastError: outcome.error, nextAttemptAt: new Date(now().getTime() + delay) },
      });
      result.retried += 1;
      // 409 is this email's own (its key is in use by a request in flight); anything else is the provider's.
      if (outcome.status !== 409) {
        outagePauseMs = outagePauseMs ? Math.min(OUTAGE_PAUSE_MS.max, outagePauseMs * 2) : OUTAGE_PAUSE_MS.first;
        providerPausedUntil = now().getTime() + Math.max(outagePauseMs, outcome.retryAfterMs ?? 0);
        break;
      }
    }
  }
  return result;
}

async function markDead(id: number, attempts: number, error: string, now: Date) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.emailOutbox.update({ where: { id }, data: { status: "dead", attempts, lastError: error, sealedSecrets: "" }, select: { template: true } });
    await tx.auditLog.create({ data: { action: "email.dead", entityType: "email", entityId: id, detail: JSON.stringify({ error, attempts }) } });
    // Staff hear about it by email too, unless the failing email was itself such an alert (no loops).
    if (row.template === "outbox-dead") return;
    const staff = await tx.user.findMany({
      where: { status: "active", roles: { some: { role: { name: "staff" } } } },
      select: { email: true, locale: true },
    });
    for (const s of staff) {
      await enqueueEmail(tx, {
        to: s.email,
        locale: s.locale,
        template: "outbox-dead",
        vars: { count: 1, lastError: error },
        idempotencyKey: `outbox-dead/${id}/${s.email}/${now.getTime()}`,
      });
    }
  });
}

/** Deletes sent and dead emails older than the retention period (they still name their recipients). */
export async function purgeDeliveredEmails(now = new Date()) {
  const cutoff = new Date(now.getTime() - EMAIL_RETENTION_DAYS * 86_400_000);
  const { count } = await prisma.emailOutbox.deleteMany({
    where: { OR: [{ status: "sent", sentAt: { lt: cutoff } }, { status: "dead", createdAt: { lt: cutoff } }] },
  });
  return count;
}
