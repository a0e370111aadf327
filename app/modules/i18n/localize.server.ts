import { prisma } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";

export type TranslatableType =
  | "group"
  | "place"
  | "event"
  | "opening"
  | "area"
  | "category"
  | "audience"
  | "place-type"
  | "plan-measure";

/**
 * Which language each shown field is really in, so the page can mark Japanese fallbacks with lang="ja"
 * (WCAG 3.1.2 language of parts) when a translation is missing.
 */
export type FieldLanguages = Record<string, string>;

export type Localized<T> = T & { fieldLang: FieldLanguages };

/**
 * Replaces the given text fields with approved translations for `locale`, one query for the whole list.
 * Japanese content is the source, so for "ja" this only annotates.
 */
export async function localize<T extends { id: number }, F extends keyof T & string>(
  entityType: TranslatableType,
  items: T[],
  fields: readonly F[],
  locale: string,
): Promise<Localized<T>[]> {
  const base = (item: T): Localized<T> => ({
    ...item,
    fieldLang: Object.fromEntries(fields.map((f) => [f, DEFAULT_LOCALE])),
  });
  if (locale === DEFAULT_LOCALE || items.length === 0) return items.map(base);
  const rows = await prisma.translation.findMany({
    where: {
      entityType,
      locale,
      status: "approved",
      entityId: { in: items.map((i) => i.id) },
      field: { in: [...fields] },
    },
    select: { entityId: true, field: true, value: true },
  });
  const byKey = new Map(rows.map((r) => [`${r.entityId}:${r.field}`, r.value]));
  return items.map((item) => {
    const out = base(item);
    for (const field of fields) {
      const value = byKey.get(`${item.id}:${field}`);
      if (value) {
        (out as Record<string, unknown>)[field] = value;
        out.fieldLang[field] = locale;
      }
    }
    return out;
  });
}

export async function localizeOne<T extends { id: number }, F extends keyof T & string>(
  entityType: TranslatableType,
  item: T,
  fields: readonly F[],
  locale: string,
): Promise<Localized<T>> {
  const [out] = await localize(entityType, [item], fields, locale);
  return out!;
}
