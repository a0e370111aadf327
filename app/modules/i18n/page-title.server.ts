import { getRequestI18n } from "./i18next.server";

/** The loader data of a page that has nothing to load but its title (in the reader's language), for pageMeta. */
export async function titledPage(request: Request, titleKey: string) {
  const { t } = await getRequestI18n(request);
  return { meta: { title: t(titleKey), siteName: t("site.name") } };
}
