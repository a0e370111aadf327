import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { openEmail } from "./outbox.server";
import { emailSendingEnabled } from "./sender.server";
import { isLoopbackAddress } from "../../../server/deployment.js";

/**
 * The outbox viewer shows codes and reset links, so it exists only where nobody else can reach it: no email
 * provider configured, the server bound to loopback, and the request's TCP peer a loopback address. The peer comes
 * from the socket (server.mjs passes it as `socketAddress`); Host, X-Forwarded-* and Origin are never consulted.
 */
export function mailViewerEnabled(context: { socketAddress?: unknown } | undefined): boolean {
  if (emailSendingEnabled()) return false;
  if (!getEnv().LOOPBACK) return false;
  return isLoopbackAddress(typeof context?.socketAddress === "string" ? context.socketAddress : "");
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
