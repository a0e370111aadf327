import { prisma } from "~/utils/db.server";
import { publicItemOfPath, type PublicKind } from "./visibility";

// How often each public item's page is read, for ordering work by what residents read most (/translate). A page
// view costs a map update in memory; the counts are written together at most once a minute, so reading a page
// never waits for SQLite's write lock. Views the full-page cache answers are counted too (countViewOfPath, called
// by the cache on a hit), since the most-read pages are exactly the ones it answers.

const FLUSH_EVERY_MS = 60_000;
const pending = new Map<string, number>();
let lastFlush = Date.now();
let flushing: Promise<void> | null = null;

export function countItemView(kind: PublicKind, id: number, now = Date.now()) {
  const key = `${kind}:${id}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (now - lastFlush >= FLUSH_EVERY_MS && !flushing) {
    lastFlush = now;
    // A lost batch of view counts is not worth failing or slowing a page for; the next batch carries on.
    flushing = flushItemViews()
      .catch(() => undefined)
      .finally(() => {
        flushing = null;
      });
  }
}

/** Counts a view of a public item's page answered without rendering (the page cache); other paths are ignored. */
export function countViewOfPath(pathname: string, now = Date.now()) {
  const item = publicItemOfPath(pathname);
  if (item) countItemView(item.kind, item.id, now);
}

/** Writes the counted views (also called by tests and at shutdown-free intervals by countItemView). */
export async function flushItemViews() {
  const batch = [...pending];
  pending.clear();
  if (!batch.length) return;
  await prisma.$transaction(
    batch.map(([key, n]) => {
      const [entityType, id] = key.split(":") as [string, string];
      const entityId = Number(id);
      return prisma.itemView.upsert({
        where: { entityType_entityId: { entityType, entityId } },
        create: { entityType, entityId, count: n },
        update: { count: { increment: n } },
      });
    }),
  );
}
