import path from "node:path";
import { createCookie } from "@remix-run/node";
import Backend from "i18next-fs-backend";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, i18nConfig, isLocale, type Locale } from "./config";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // ?lng= wins so a shared link opens in the sender's language; then the saved choice; then the browser.
    order: ["searchParams", "cookie", "header"],
  },
  i18next: {
    ...i18nConfig,
    backend: { loadPath: path.resolve("./public/locales/{{lng}}/{{ns}}.json") },
  },
  plugins: [Backend],
});

export async function getLocale(request: Request): Promise<Locale> {
  const found = await i18next.getLocale(request);
  return isLocale(found) ? found : DEFAULT_LOCALE;
}

/** Locale and a translator for loaders (page titles, meta) in one call. */
export async function getRequestI18n(request: Request) {
  const locale = await getLocale(request);
  const t = await i18next.getFixedT(locale, "common");
  return { locale, t };
}
