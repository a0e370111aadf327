import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { reasonText } from "./match-reasons";
import type { Reason } from "./types";

/**
 * The first `max` reasons of a proposal as one line of plain text in `locale`, for emails (the weekly digest, a staff
 * invitation): the same sentences the pages show, joined by the language's separator.
 */
export async function reasonsText(reasons: readonly Reason[], locale: string, max = 3): Promise<string> {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = serverI18n.getFixedT(lng);
  const taxonomy = await getTaxonomy(lng);
  const names = { categories: taxonomy.categories, audiences: taxonomy.audiences, areas: taxonomy.areas };
  const texts = reasons.map((reason) => reasonText(t, reason, names)).filter((text): text is string => Boolean(text));
  return texts.slice(0, max).join(serverI18n.getFixedT(lng, "email")("reasonSeparator"));
}
