import type { Prisma } from "~/generated/prisma/client";
import { renderEmail, type EmailTemplate, type TemplateVars } from "./templates.server";

type Tx = Prisma.TransactionClient;

/**
 * Queues an email as an outbox row inside the caller's transaction, so the email exists exactly when the change
 * that causes it commits. The idempotency key travels to the provider: a retried send is never delivered twice.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  tx: Tx,
  email: { to: string; locale: string; template: T; vars: TemplateVars<T>; idempotencyKey: string },
) {
  await insertRendered(tx, { ...email, rendered: await renderEmail(email.template, email.locale, email.vars) });
}

type Rendered = Awaited<ReturnType<typeof renderEmail>>;

/**
 * For hot transactions: render before the transaction (rendering needs no lock), then only insert inside it.
 * `prepareEmail` returns the insert to run in the transaction.
 */
export async function prepareEmail<T extends EmailTemplate>(email: { to: string; locale: string; template: T; vars: TemplateVars<T> }) {
  const rendered = await renderEmail(email.template, email.locale, email.vars);
  return (tx: Tx, idempotencyKey: string) => insertRendered(tx, { ...email, rendered, idempotencyKey });
}

async function insertRendered(tx: Tx, email: { to: string; locale: string; template: string; idempotencyKey: string; rendered: Rendered }) {
  const rendered = email.rendered;
  await tx.emailOutbox.create({
    data: {
      toAddress: email.to,
      locale: email.locale,
      template: email.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      idempotencyKey: email.idempotencyKey.slice(0, 256),
    },
  });
}
