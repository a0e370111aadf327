import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { addDays, formatTokyoTimestamp, parseTokyoDate } from "~/utils/dates";

// Reading the audit log (/staff/audit and its CSV): every entry, newest first, narrowed by who did it, which item,
// which action and which Tokyo dates. The page and the CSV share one filter, so an export holds exactly the rows
// the page would list.

export const AUDIT_PAGE_SIZE = 50;
/** The CSV's ceiling: a year of a council's staff work is far below it; beyond it, narrow the dates. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/** A query parameter: NFKC-normalised and trimmed; blank (or absent) means "no condition". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => {
    const value = typeof v === "string" ? v.normalize("NFKC").trim() : v;
    return value === "" ? undefined : value;
  }, schema.optional());

const tokyoDate = z.string().refine((v) => parseTokyoDate(v) !== null, "insight.audit.errors.date");

export const AuditFilterSchema = z
  .object({
    /** An account id (digits) or part of a name. */
    person: optional(z.string().max(100, "insight.audit.errors.person")),
    entityType: optional(z.string().regex(/^[a-z][a-z-]{0,39}$/, "insight.audit.errors.entityType")),
    entityId: optional(z.string().regex(/^[1-9]\d{0,9}$/, "insight.audit.errors.entityId").transform(Number)),
    action: optional(z.string().regex(/^[a-z][a-z0-9._-]{0,79}$/i, "insight.audit.errors.action")),
    from: optional(tokyoDate),
    to: optional(tokyoDate),
    page: optional(z.string().regex(/^[1-9]\d{0,5}$/, "insight.audit.errors.page").transform(Number)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "insight.audit.errors.dateOrder", path: ["to"] });

export type AuditFilter = z.infer<typeof AuditFilterSchema>;
export const AUDIT_FILTER_KEYS = ["person", "entityType", "entityId", "action", "from", "to"] as const;

/** The filter from a URL's query, or the translated errors of what could not be read. */
export function parseAuditFilter(params: URLSearchParams): { ok: true; filter: AuditFilter } | { ok: false; errors: string[]; values: Record<string, string> } {
  const raw = Object.fromEntries([...AUDIT_FILTER_KEYS, "page"].map((k) => [k, params.get(k) ?? ""]));
  const parsed = AuditFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filter: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))], values: raw };
}

function whereOf(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (filter.person) {
    where.push(/^\d{1,10}$/.test(filter.person) ? { actorId: Number(filter.person) } : { actor: { name: { contains: filter.person } } });
  }
  if (filter.entityType) where.push({ entityType: filter.entityType });
  if (filter.entityId) where.push({ entityId: filter.entityId });
  if (filter.action) where.push({ action: filter.action });
  // Dates are Tokyo calendar days, both ends included.
  if (filter.from) where.push({ createdAt: { gte: parseTokyoDate(filter.from)! } });
  if (filter.to) where.push({ createdAt: { lt: addDays(parseTokyoDate(filter.to)!, 1) } });
  return where.length ? { AND: where } : {};
}

const ENTRY_SELECT = {
  id: true,
  createdAt: true,
  action: true,
  entityType: true,
  entityId: true,
  detail: true,
  actorId: true,
  actor: { select: { name: true } },
} as const;

/** Keys that must never be shown, whatever a caller put in an entry by mistake. */
const SECRET_KEY = /token|secret|password|hash|code|cookie|session/i;

/** Instants are stored in UTC (toISOString); staff read every time in Tokyo. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** An entry's detail as shown: parsed, times in Tokyo, with anything that looks like a secret left out. */
export function visibleDetail(detail: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>)
      .filter(([k]) => !SECRET_KEY.test(k))
      .map(([k, v]) => [k, typeof v !== "string" ? JSON.stringify(v) : ISO_INSTANT.test(v) ? formatTokyoTimestamp(new Date(v)) : v]),
  );
}

export type AuditEntry = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  detail: Record<string, string>;
};

function toEntry(row: Prisma.AuditLogGetPayload<{ select: typeof ENTRY_SELECT }>): AuditEntry {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actor?.name ?? null,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    detail: visibleDetail(row.detail),
  };
}

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export async function listAuditEntries(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number; page: number; pages: number }> {
  const where = whereOf(filter);
  const total = await prisma.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pages);
  const rows = await prisma.auditLog.findMany({ where, orderBy: NEWEST_FIRST, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select: ENTRY_SELECT });
  return { entries: rows.map(toEntry), total, page, pages };
}

/** The choices of the action and item-type filters: what the log holds. */
export async function auditFilterChoices(): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, types] = await Promise.all([
    prisma.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    prisma.auditLog.groupBy({ by: ["entityType"], where: { entityType: { not: "" } }, orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: types.map((e) => e.entityType) };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * "居場所：公開" for "place.publish": the item's kind and the step, each translated; the raw code when either part is
 * unknown, so a new action is still shown, just untranslated.
 */
export function auditActionLabel(code: string, t: Translate): string {
  const dot = code.indexOf(".");
  const [kind, step] = dot < 0 ? ["", code] : [code.slice(0, dot), code.slice(dot + 1)];
  const stepLabel = t(`insight.audit.step.${step}`, { defaultValue: "" });
  if (!stepLabel) return code;
  if (!kind) return stepLabel;
  const kindLabel = t(`insight.audit.kind.${kind}`, { defaultValue: "" });
  return kindLabel ? t("insight.audit.actionLabel", { kind: kindLabel, step: stepLabel }) : code;
}

export function auditKindLabel(kind: string, t: Translate): string {
  return kind ? t(`insight.audit.kind.${kind}`, { defaultValue: kind }) : "";
}

/** Excel runs a cell starting with = + - @ (or a tab/CR) as a formula (SECURITY.md row 33). */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The filtered log as CSV (UTF-8 with BOM), newest first, times in Tokyo. */
export async function auditCsv(filter: AuditFilter, t: Translate): Promise<string> {
  const rows = await prisma.auditLog.findMany({ where: whereOf(filter), orderBy: NEWEST_FIRST, take: AUDIT_CSV_MAX_ROWS, select: ENTRY_SELECT });
  const header = ["at", "actorId", "actor", "actionCode", "action", "entityType", "entityId", "detail"].map((k) => t(`insight.audit.csv.${k}`));
  const lines = rows.map(toEntry).map((e) => [
    formatTokyoTimestamp(new Date(e.at)),
    e.actorId === null ? "" : String(e.actorId),
    e.actorName ?? t("insight.audit.nobody"),
    e.action,
    auditActionLabel(e.action, t),
    e.entityType,
    e.entityId === null ? "" : String(e.entityId),
    Object.keys(e.detail).length ? JSON.stringify(e.detail) : "",
  ]);
  return `\uFEFF${stringify([header, ...lines].map((r) => r.map(cell)), { record_delimiter: "\r\n" })}`;
}
