
import { prisma, type Tx } from "~/utils/db.server";
import { fillSecrets, renderEmail, type EmailHeaders, type EmailSecrets, type EmailTemplate, type TemplateVars } from "./templates.server";
import { seal, unseal } from "./sealing.server";
import { isUndeliverableAddress } from "./undeliverable";

type Recipient = {
  to: string;
  /**
   * The account the email is about. Found from `to` when left out; given when the address is no longer the
   * account's (the "your address changed" notice to the old one), and null for mail that must not be tied to
   * anyone (the farewell after a deletion).
   */
  userId?: number | null;
};

/**
 * Queues an email as an outbox row inside the caller's transaction, so the email exists exactly when the change
 * that causes it commits. The idempotency key travels to the provider: a retried send is never delivered twice.
 * A placeholder address (a resident registered by staff without email, see undeliverable.ts) gets nothing: callers
 * need not know who has a real address, and no row ever waits to fail against a name that cannot resolve.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  tx: Tx,
  email: Recipient & { locale: string; template: T; vars: TemplateVars<T>; idempotencyKey: string },
) {
  if (isUndeliverableAddress(email.to)) return;
  const row = await prepareRow(tx, email);
  await tx.emailOutbox.create({ data: { ...row, idempotencyKey: email.idempotencyKey.slice(0, 256) } });
}

/**
 * For hot transactions: render, seal and find the recipient before the transaction (none of it needs a lock),
 * then only insert inside it. `prepareEmail` returns the insert to run in the transaction.
 */
export async function prepareEmail<T extends EmailTemplate>(
  email: Recipient & { locale: string; template: T; vars: TemplateVars<T> },
): Promise<(tx: Tx, idempotencyKey: string) => Promise<void>> {
  // As in enqueueEmail: nothing is rendered or inserted for a placeholder address.
  if (isUndeliverableAddress(email.to)) return async () => {};
  const row = await prepareRow(prisma, email);
  // Plain, portable SQL: this insert sits inside the hottest write transactions (a rush of registrations), where
  // the ORM's query building cost more than the insert itself. Defaults (status, attempts, dates) are the table's.
  return async (tx: Tx, idempotencyKey: string) => {
    const now = new Date();
    await tx.$executeRaw`
      INSERT INTO "EmailOutbox" ("toAddress", "userId", "locale", "template", "subject", "textBody", "htmlBody", "sealedSecrets", "headers", "idempotencyKey", "nextAttemptAt", "createdAt")
      VALUES (${row.toAddress}, ${row.userId}, ${row.locale}, ${row.template}, ${row.subject}, ${row.textBody}, ${row.htmlBody}, ${row.sealedSecrets}, ${row.headers}, ${idempotencyKey.slice(0, 256)}, ${now}, ${now})`;
  };
}

async function prepareRow<T extends EmailTemplate>(db: Tx, email: Recipient & { locale: string; template: T; vars: TemplateVars<T> }) {
  const rendered = await renderEmail(email.template, email.locale, email.vars);
  const userId = email.userId !== undefined ? email.userId : ((await db.user.findUnique({ where: { email: email.to }, select: { id: true } }))?.id ?? null);
  return {
    toAddress: email.to,
    userId,
    locale: email.locale,
    template: email.template,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    sealedSecrets: Object.keys(rendered.secrets).length ? seal(JSON.stringify(rendered.secrets)) : "",
    headers: Object.keys(rendered.headers).length ? JSON.stringify(rendered.headers) : "",
  };
}

type StoredEmail = { subject: string; textBody: string; htmlBody: string; sealedSecrets: string; headers?: string };

/** The extra headers a stored email is sent with (placeholders not filled in). */
export function storedHeaders(row: { headers?: string }): EmailHeaders {
  return row.headers ? (JSON.parse(row.headers) as EmailHeaders) : {};
}

/**
 * A stored email as it is (or was) sent, secrets filled in; null when its sealed secrets cannot be opened
 * (the key changed). Only the sender and the local mail viewer call this.
 */
export function openEmail(row: StoredEmail): { subject: string; textBody: string; htmlBody: string; headers: EmailHeaders } | null {
  let secrets: EmailSecrets = {};
  if (row.sealedSecrets) {
    const opened = unseal(row.sealedSecrets);
    if (opened === null) return null;
    secrets = JSON.parse(opened) as EmailSecrets;
  }
  const filled = fillSecrets({ subject: row.subject, text: row.textBody, html: row.htmlBody, headers: storedHeaders(row) }, secrets);
  return { subject: filled.subject, textBody: filled.text, htmlBody: filled.html, headers: filled.headers };
}
