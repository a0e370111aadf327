import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
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
    select: { id: true, toAddress: true, subject: true, textBody: true, locale: true, status: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
