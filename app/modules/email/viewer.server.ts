import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { openEmail } from "./outbox.server";
import { emailSendingEnabled } from "./sender.server";

/**
 * The outbox viewer shows codes and reset links, so it exists only where nobody else can reach it:
 * no email provider configured AND the app's public origin is this machine (localhost / 127.0.0.1).
 */
export function mailViewerEnabled(): boolean {
  if (emailSendingEnabled()) return false;
  const host = new URL(getEnv().APP_ORIGIN).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export async function listRecentEmails(take = 30) {
  const rows = await prisma.emailOutbox.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, toAddress: true, subject: true, textBody: true, htmlBody: true, sealedSecrets: true, locale: true, status: true, createdAt: true },
  });
  // Locally the codes must be readable, so the viewer opens the sealed secrets (it exists only where nobody else can look).
  return rows.map((r) => ({
    id: r.id,
    toAddress: r.toAddress,
    subject: r.subject,
    textBody: openEmail(r)?.textBody ?? r.textBody,
    locale: r.locale,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}
