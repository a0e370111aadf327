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
  const rendered = await renderEmail(email.template, email.locale, email.vars);
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
