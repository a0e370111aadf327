import crypto from "node:crypto";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { derivedKey } from "~/modules/email/sealing.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { ITEM_STATUS, PUBLIC_CHECK_SELECT, PUBLIC_KINDS, isPublic, type PublicKind } from "~/modules/publishing/visibility";
import { hideItem, unhideItem } from "~/modules/publishing/transitions.server";
import { REPORTS_TO_HIDE, REPORT_STATUS, type ReportReason, type ReportStatus, type Visibility } from "./reports";

// Reports (通報) on public places, events and openings, and staff's decisions on them. Anyone may report (no account
// needed); a reporter is known only by a keyed hash, so repeated reports from one person count once and the table
// never says who reported from where. When open reports from REPORTS_TO_HIDE different reporters meet, the item
// is hidden at once through the publishing layer (Decidim's rule: every public surface drops it, the step is
// audited) and staff are emailed; staff then dismiss the reports (a hide by reports is undone) or act on them
// (the item stays hidden). The group never learns who reported, nor what they wrote.

/**
 * Kept with the automatic hide (audit entry, moderation decision): the rule's words, no reporter's. It also marks
 * the hide as the rule's: a dismissal undoes only a hide with this reason and no staff member (keep it unchanged).
 */
export const REPORTS_HIDE_REASON = `通報が${REPORTS_TO_HIDE}人から届いたため、職員が確認するまで自動で非公開にしました`;

/** Derived from the outbox key (never stored in the database): a copy of the database cannot link keys to people. */
const REPORTER_KEY_LABEL = "moderation/reporter-key/v1";
let reporterHmacKey: Buffer | undefined;

export type Reporter = { userId: number | null; ip: string };

/**
 * Who reported, as HMAC-SHA256 of "user:<id>" for a signed-in visitor or "ip:<address>" otherwise. Stable while the
 * key is (a new key only means open reports from before no longer match repeats from the same person).
 */
export function reporterKey(reporter: Reporter): string {
  reporterHmacKey ??= derivedKey(REPORTER_KEY_LABEL);
  const subject = reporter.userId !== null ? `user:${reporter.userId}` : `ip:${reporter.ip}`;
  return crypto.createHmac("sha256", reporterHmacKey).update(subject, "utf8").digest("hex");
}

type ItemRow = { id: number; title: string; status: string; group: { id: number; name: string; status: string } };

const GROUP_SELECT = { select: { id: true, name: true, ...PUBLIC_CHECK_SELECT.group.select } } as const;

/** Items of a kind by id, with the title people see and their group (any status: staff see hidden ones too). */
async function readItems(db: Tx | typeof prisma, kind: PublicKind, ids: number[]): Promise<ItemRow[]> {
  const where = { id: { in: ids } };
  switch (kind) {
    case "place":
      return (await db.place.findMany({ where, select: { id: true, name: true, status: true, group: GROUP_SELECT } })).map(({ name, ...row }) => ({
        ...row,
        title: name,
      }));
    case "event":
      return db.event.findMany({ where, select: { id: true, title: true, status: true, group: GROUP_SELECT } });
    case "opening":
      return db.opening.findMany({ where, select: { id: true, title: true, status: true, group: GROUP_SELECT } });
  }
}

async function readItem(db: Tx | typeof prisma, kind: PublicKind, id: number): Promise<ItemRow | null> {
  return (await readItems(db, kind, [id]))[0] ?? null;
}

/** The public item a visitor may report (its title for the form), or null: only public items can be reported. */
export async function getReportableItem(kind: PublicKind, id: number): Promise<{ kind: PublicKind; id: number; title: string } | null> {
  const item = await readItem(prisma, kind, id);
  return item && isPublic(item) ? { kind, id, title: item.title } : null;
}

export type FileReportResult = { outcome: "not-found" } | { outcome: "recorded" | "already-open"; hidden: boolean };

/**
 * Records a visitor's report on a public item. A second open report from the same reporter on the same item is
 * accepted without being stored (it must not count twice). The report that brings open reports to REPORTS_TO_HIDE
 * different reporters hides the item and emails staff; the hide step succeeds once, so staff hear once.
 */
export async function fileReport(input: { kind: PublicKind; id: number; reason: ReportReason; details: string; reporter: Reporter }): Promise<FileReportResult> {
  const key = reporterKey(input.reporter);
  const where = { entityType: input.kind, entityId: input.id, status: REPORT_STATUS.open };
  // One write transaction (BEGIN IMMEDIATE, see db.server.ts): the repeat check and the count see every report.
  const filed = await prisma.$transaction(async (tx) => {
    const item = await readItem(tx, input.kind, input.id);
    if (!item || !isPublic(item)) return null;
    const repeat = await tx.report.findFirst({ where: { ...where, reporterKey: key }, select: { id: true } });
    if (repeat) return { outcome: "already-open" as const, reporters: 0, title: item.title };
    await tx.report.create({
      data: { entityType: input.kind, entityId: input.id, reason: input.reason, details: input.details, reporterId: input.reporter.userId, reporterKey: key },
      select: { id: true },
    });
    const reporters = (await tx.report.groupBy({ by: ["reporterKey"], where })).length;
    return { outcome: "recorded" as const, reporters, title: item.title };
  });
  if (!filed) return { outcome: "not-found" };
  if (filed.outcome !== "recorded" || filed.reporters < REPORTS_TO_HIDE) return { outcome: filed.outcome, hidden: false };
  const now = new Date();
  const hidden = await hideItem(input.kind, input.id, { actorId: null, reason: REPORTS_HIDE_REASON, now });
  if (hidden.ok) await tellStaff(input.kind, input.id, filed.title, filed.reporters, now);
  return { outcome: "recorded", hidden: hidden.ok };
}

/** Every active staff member and admin, each in their own language. */
async function tellStaff(kind: PublicKind, id: number, title: string, reporters: number, now: Date) {
  const staff = await prisma.user.findMany({
    where: { status: "active", roles: { some: { role: { name: { in: ["staff", "admin"] } } } } },
    select: { email: true, locale: true },
  });
  if (!staff.length) return;
  await prisma.$transaction(async (tx) => {
    for (const person of staff) {
      await enqueueEmail(tx, {
        to: person.email,
        locale: person.locale,
        template: "reports-threshold",
        vars: { title, count: reporters, link: appUrl(`/staff/reports/${kind}/${id}`) },
        idempotencyKey: `reports-threshold/${kind}/${id}/${now.getTime()}/${person.email}`,
      });
    }
  });
}

/** Was the item's last moderation step a hide by the reports rule (no staff member), so a dismissal undoes it? */
async function hiddenByReports(db: Tx | typeof prisma, kind: PublicKind, id: number): Promise<boolean> {
  const last = await db.moderationDecision.findFirst({
    where: { entityType: kind, entityId: id },
    orderBy: { id: "desc" },
    select: { action: true, staffId: true, reason: true },
  });
  return last?.action === "hide" && last.staffId === null && last.reason === REPORTS_HIDE_REASON;
}

// ───── Staff side ─────

async function visibilityOf(item: ItemRow, kind: PublicKind): Promise<Visibility> {
  if (isPublic(item)) return "public";
  if (item.status !== ITEM_STATUS.hidden) return "notPublic";
  return (await hiddenByReports(prisma, kind, item.id)) ? "hiddenByReports" : "hidden";
}

export type ReportedItem = {
  kind: PublicKind;
  id: number;
  title: string;
  group: string;
  visibility: Visibility;
  count: number;
  reporters: number;
  reasons: ReportReason[];
  oldest: string;
};

/** Items with open reports: most reports first, then the longest waiting. */
export async function listReportedItems(): Promise<ReportedItem[]> {
  const open = await prisma.report.findMany({
    where: { status: REPORT_STATUS.open, entityType: { in: [...PUBLIC_KINDS] } },
    select: { entityType: true, entityId: true, reason: true, reporterKey: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const byItem = new Map<string, { kind: PublicKind; id: number; count: number; keys: Set<string>; reasons: Set<ReportReason>; oldest: Date }>();
  for (const r of open) {
    const mapKey = `${r.entityType}:${r.entityId}`;
    const entry = byItem.get(mapKey) ?? { kind: r.entityType as PublicKind, id: r.entityId, count: 0, keys: new Set(), reasons: new Set(), oldest: r.createdAt };
    entry.count += 1;
    entry.keys.add(r.reporterKey);
    entry.reasons.add(r.reason as ReportReason);
    byItem.set(mapKey, entry);
  }
  const rows = await Promise.all(
    PUBLIC_KINDS.map(async (kind) => {
      const ids = [...byItem.values()].filter((e) => e.kind === kind).map((e) => e.id);
      return ids.length ? (await readItems(prisma, kind, ids)).map((item) => ({ kind, item })) : [];
    }),
  );
  const items = await Promise.all(
    rows.flat().map(async ({ kind, item }): Promise<ReportedItem> => {
      const entry = byItem.get(`${kind}:${item.id}`)!;
      return {
        kind,
        id: item.id,
        title: item.title,
        group: item.group.name,
        visibility: await visibilityOf(item, kind),
        count: entry.count,
        reporters: entry.keys.size,
        reasons: [...entry.reasons],
        oldest: entry.oldest.toISOString(),
      };
    }),
  );
  return items.sort((a, b) => b.count - a.count || a.oldest.localeCompare(b.oldest));
}

export type ReportForStaff = {
  id: number;
  reason: ReportReason;
  details: string;
  createdAt: string;
  /** Whether the reporter was signed in; who it was is not shown, not even to staff. */
  signedIn: boolean;
  status: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string;
};

/** One item with its reports, open ones first (oldest first), then decided ones (newest decision first); null when the item does not exist. */
export async function getReportedItem(kind: PublicKind, id: number) {
  const item = await readItem(prisma, kind, id);
  if (!item) return null;
  const reports = await prisma.report.findMany({
    where: { entityType: kind, entityId: id },
    select: { id: true, reason: true, details: true, createdAt: true, reporterId: true, status: true, resolvedAt: true, resolvedById: true, resolution: true },
    orderBy: { createdAt: "asc" },
  });
  const deciderIds = [...new Set(reports.map((r) => r.resolvedById).filter((v): v is number => v !== null))];
  const deciders = new Map(
    (await prisma.user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name] as const),
  );
  const shown: ReportForStaff[] = reports.map((r) => ({
    id: r.id,
    reason: r.reason as ReportReason,
    details: r.details,
    createdAt: r.createdAt.toISOString(),
    signedIn: r.reporterId !== null,
    status: r.status,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedById !== null ? (deciders.get(r.resolvedById) ?? null) : null,
    resolution: r.resolution,
  }));
  const open = shown.filter((r) => r.status === REPORT_STATUS.open);
  const decided = shown.filter((r) => r.status !== REPORT_STATUS.open).sort((a, b) => (b.resolvedAt ?? "").localeCompare(a.resolvedAt ?? ""));
  return {
    item: { kind, id, title: item.title, group: item.group.name, status: item.status, visibility: await visibilityOf(item, kind) },
    open,
    decided,
  };
}

export type DecisionResult = { ok: true; status: string } | { ok: false; refusal: "not-found" | "nothing-open" };

type DecisionInput = { staffId: number; note: string; now?: Date };

/** Marks the item's open reports decided, with who, when and why; returns how many there were. */
async function closeOpenReports(tx: Tx, kind: PublicKind, id: number, status: ReportStatus, input: DecisionInput & { now: Date }) {
  const { count } = await tx.report.updateMany({
    where: { entityType: kind, entityId: id, status: REPORT_STATUS.open },
    data: { status, resolvedById: input.staffId, resolvedAt: input.now, resolution: input.note },
  });
  return count;
}

async function openCount(kind: PublicKind, id: number) {
  return prisma.report.count({ where: { entityType: kind, entityId: id, status: REPORT_STATUS.open } });
}

/**
 * Staff find nothing wrong: the open reports become dismissed, and an item the reports rule hid is public again
 * (a hide staff decided themselves stays).
 */
export async function dismissReports(kind: PublicKind, id: number, input: DecisionInput): Promise<DecisionResult> {
  const now = input.now ?? new Date();
  const item = await readItem(prisma, kind, id);
  if (!item) return { ok: false, refusal: "not-found" };
  if (!(await openCount(kind, id))) return { ok: false, refusal: "nothing-open" };
  const restore = item.status === ITEM_STATUS.hidden && (await hiddenByReports(prisma, kind, id));
  const closed = await prisma.$transaction(async (tx) => {
    const count = await closeOpenReports(tx, kind, id, REPORT_STATUS.dismissed, { ...input, now });
    if (count) await recordAudit(tx, { actorId: input.staffId, action: "report.dismiss", entityType: kind, entityId: id, detail: { reports: count, note: input.note, unhide: restore } });
    return count;
  });
  if (!closed) return { ok: false, refusal: "nothing-open" };
  if (restore) {
    const result = await unhideItem(kind, id, { actorId: input.staffId, reason: input.note, now });
    if (result.ok) return { ok: true, status: result.status };
  }
  return { ok: true, status: (await readItem(prisma, kind, id))?.status ?? item.status };
}

/**
 * Staff agree with the reports: they become resolved with staff's note, and the item stays hidden, or is hidden now
 * (with the note as the reason the group is told) when it is still published.
 */
export async function actOnReports(kind: PublicKind, id: number, input: DecisionInput): Promise<DecisionResult> {
  const now = input.now ?? new Date();
  const item = await readItem(prisma, kind, id);
  if (!item) return { ok: false, refusal: "not-found" };
  if (!(await openCount(kind, id))) return { ok: false, refusal: "nothing-open" };
  const hideNow = item.status === ITEM_STATUS.published;
  if (hideNow) await hideItem(kind, id, { actorId: input.staffId, reason: input.note, now });
  const closed = await prisma.$transaction(async (tx) => {
    const count = await closeOpenReports(tx, kind, id, REPORT_STATUS.resolved, { ...input, now });
    if (count) await recordAudit(tx, { actorId: input.staffId, action: "report.act", entityType: kind, entityId: id, detail: { reports: count, note: input.note, hide: hideNow } });
    return count;
  });
  if (!closed) return { ok: false, refusal: "nothing-open" };
  return { ok: true, status: (await readItem(prisma, kind, id))?.status ?? item.status };
}
