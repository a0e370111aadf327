import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { notFound, parseIdParam } from "~/utils/http.server";
import { countItemView } from "./views.server";
import { isPublicKind } from "./visibility";


/**
 * What every public detail page (place, event, opening) starts from: the item from the public cache, in the
 * reader's language, with the taxonomy its labels come from. Anything not public answers 404 (`get` returns null).
 */
export async function loadPublicDetail<T>(request: Request, idParam: string | undefined, cacheName: string, get: (id: number, locale: string) => Promise<T | null>) {
  const id = parseIdParam(idParam);
  const { locale, t } = await getRequestI18n(request);
  const [item, taxonomy] = await Promise.all([cachedPublic(cacheKey(cacheName, id, locale), () => get(id, locale)), getTaxonomy(locale)]);
  if (!item) notFound();
  if (isPublicKind(cacheName)) countItemView(cacheName, id);
  return { id, locale, t, item, taxonomy };
}
