import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
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
    select: { id: true, toAddress: true, subject: true, textBody: true, locale: true, status: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
