import { prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { indexItemWithDependents } from "~/modules/search/documents.server";
import { REVIEWED_FIELDS } from "~/modules/publishing/edit-policy";
import { pendingRevision } from "~/modules/publishing/revisions.server";
import { publicWhere } from "~/modules/publishing/visibility";
import {
  COVERAGE,
  TARGET_LOCALES,
  TRANSLATION_SOURCE,
  TRANSLATION_STATUS,
  fieldsOf,
  type Coverage,
  type TranslatableKind,
} from "~/modules/i18n/content-fields";

// What an item has in each language, and the organiser's own translations. Translations are of the public
// Japanese original; each keeps the original it was written from (`sourceText`), so when the original changes the
// translation stays shown but counts as outdated until someone looks at it again.

export type TranslatableItem = {
  kind: TranslatableKind;
  id: number;
  groupId: number;
  areaId: number | null;
  status: string;
  /** The item's Japanese name or title. */
  title: string;
  /** Each translatable field's Japanese original ("" when the item leaves it blank). */
  originals: Record<string, string>;
};

type ItemScope = { groupId?: number; publicOnly?: boolean };

/** One item with its Japanese originals; scoped to a group (the workspace) or to what is public (/translate). */
export async function getTranslatableItem(kind: TranslatableKind, id: number, scope: ItemScope = {}): Promise<TranslatableItem | null> {
  const where = { id, ...(scope.groupId !== undefined ? { groupId: scope.groupId } : {}) };
  const text = Object.fromEntries(fieldsOf(kind).map((f) => [f, true]));
  const base = { id: true, groupId: true, areaId: true, status: true } as const;
  let row: Record<string, unknown> | null;
  if (kind === "place") row = await prisma.place.findFirst({ where: { ...where, ...(scope.publicOnly ? publicWhere("place") : {}) }, select: { ...base, ...text } });
  else if (kind === "event") row = await prisma.event.findFirst({ where: { ...where, ...(scope.publicOnly ? publicWhere("event") : {}) }, select: { ...base, ...text } });
  else row = await prisma.opening.findFirst({ where: { ...where, ...(scope.publicOnly ? publicWhere("opening") : {}) }, select: { ...base, ...text } });
  return row ? toItem(kind, row) : null;
}

export function toItem(kind: TranslatableKind, row: Record<string, unknown>): TranslatableItem {
  const originals = Object.fromEntries(fieldsOf(kind).map((f) => [f, String(row[f] ?? "")]));
  return {
    kind,
    id: row.id as number,
    groupId: row.groupId as number,
    areaId: (row.areaId as number | null) ?? null,
    status: row.status as string,
    title: kind === "place" ? originals.name! : originals.title!,
    originals,
  };
}

/** Fields that have something to translate. */
export function translatableFields(item: TranslatableItem): string[] {
  return fieldsOf(item.kind).filter((f) => item.originals[f]!.trim() !== "");
}

export type StoredTranslation = {
  field: string;
  locale: string;
  value: string;
  source: string;
  status: string;
  sourceText: string;
  translatorId: number | null;
  submissionId: number | null;
};

export async function translationsOf(kind: TranslatableKind, id: number, locale?: string): Promise<StoredTranslation[]> {
  return prisma.translation.findMany({
    where: { entityType: kind, entityId: id, ...(locale ? { locale } : {}) },
    select: { field: true, locale: true, value: true, source: true, status: true, sourceText: true, translatorId: true, submissionId: true },
  });
}

/** Written from an earlier original: the Japanese has changed since (rows from before this was kept have no original). */
export function isOutdated(row: Pick<StoredTranslation, "sourceText">, original: string): boolean {
  return row.sourceText !== "" && row.sourceText !== original;
}

export type LanguageCoverage = { locale: string; coverage: Coverage; translated: number; total: number; outdated: number };

/** For each language, how many of the item's fields are translated (approved) and how many of those are outdated. */
export function coverageOf(item: TranslatableItem, rows: StoredTranslation[]): LanguageCoverage[] {
  const fields = translatableFields(item);
  return TARGET_LOCALES.map((locale) => {
    const approved = rows.filter((r) => r.locale === locale && r.status === TRANSLATION_STATUS.approved && fields.includes(r.field) && r.value);
    const translated = approved.length;
    const coverage: Coverage = fields.length > 0 && translated >= fields.length ? COVERAGE.complete : translated > 0 ? COVERAGE.partial : COVERAGE.missing;
    return { locale, coverage, translated, total: fields.length, outdated: approved.filter((r) => isOutdated(r, item.originals[r.field]!)).length };
  });
}

/**
 * Fields whose change waits for staff (the held-edit policy): the page says that readers still see the approved
 * original, which is what a translation is written from, so a translation never runs ahead of staff's review.
 */
export async function fieldsUnderReview(item: TranslatableItem): Promise<string[]> {
  const pending = await pendingRevision(item.kind, item.id);
  if (!pending) return [];
  const groups = REVIEWED_FIELDS[item.kind] as Record<string, readonly string[]>;
  const columns = new Set(pending.changes.flatMap((c) => groups[c.field] ?? []));
  return fieldsOf(item.kind).filter((f) => columns.has(f));
}

export type SaveResult = { ok: true; changed: string[] } | { ok: false };

/**
 * The organiser's translation of their own item into one language, published at once (an organiser speaks for the
 * item, as with its wording fields) and audited. A blank field removes that field's published translation; a
 * volunteer's submission still waiting for review is left alone unless the organiser writes that field themselves.
 * Saving an unchanged translation again records that it matches the current original (no longer outdated).
 */
export async function saveOrganizerTranslations(input: {
  kind: TranslatableKind;
  groupId: number;
  id: number;
  locale: string;
  values: Record<string, string | undefined>;
  actorId: number;
}): Promise<SaveResult> {
  const item = await getTranslatableItem(input.kind, input.id, { groupId: input.groupId });
  if (!item) return { ok: false };
  const existing = new Map((await translationsOf(input.kind, input.id, input.locale)).map((r) => [r.field, r]));
  const changed: string[] = [];
  await prisma.$transaction(async (tx) => {
    for (const field of translatableFields(item)) {
      const value = input.values[field] ?? "";
      const original = item.originals[field]!;
      const row = existing.get(field);
      const where = { entityType_entityId_field_locale: { entityType: input.kind, entityId: input.id, field, locale: input.locale } };
      if (!value) {
        if (row?.status === TRANSLATION_STATUS.approved) {
          await tx.translation.delete({ where });
          changed.push(field);
        }
        continue;
      }
      if (row && row.status === TRANSLATION_STATUS.approved && row.value === value && row.sourceText === original) continue;
      const data = {
        value,
        source: TRANSLATION_SOURCE.organizer,
        status: TRANSLATION_STATUS.approved,
        translatorId: input.actorId,
        reviewerId: null,
        submissionId: null,
        sourceText: original,
      };
      await tx.translation.upsert({ where, create: { entityType: input.kind, entityId: input.id, field, locale: input.locale, ...data }, update: data });
      changed.push(field);
    }
    if (changed.length) {
      await recordAudit(tx, { actorId: input.actorId, action: `${input.kind}.translate`, entityType: input.kind, entityId: input.id, detail: { locale: input.locale, fields: changed } });
    }
  });
  // Translated words are part of the item's search document (and the cached public pages are dropped with it).
  if (changed.length) await indexItemWithDependents(input.kind, input.id);
  return { ok: true, changed };
}
