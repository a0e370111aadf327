import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { createInstance, type Resource } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, NAMESPACES, SUPPORTED_LOCALES, i18nConfig, isLocale, type Locale } from "./config";
import { fallbackResources, type Resources } from "./fallback";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

// Every translation is read once at start-up and kept in memory: creating an i18next instance with a file
// backend on each request re-read and re-parsed the JSON files every time (tens of ms per page under load).
function loadResources(): Resource {
  const dir = path.resolve("./public/locales");
  return Object.fromEntries(
    SUPPORTED_LOCALES.map((lng) => [
      lng,
      Object.fromEntries(NAMESPACES.map((ns) => [ns, JSON.parse(fs.readFileSync(path.join(dir, lng, `${ns}.json`), "utf8"))])),
    ]),
  );
}

export const resources = loadResources();

const fallbacks = new Map(SUPPORTED_LOCALES.map((lng) => [lng, fallbackResources(resources[DEFAULT_LOCALE] as Resources, resources[lng] as Resources, lng)]));

/** The Japanese entries a page in `locale` may show because that locale lacks them (empty when it is complete). */
export function fallbackFor(locale: Locale) {
  return fallbacks.get(locale) ?? {};
}

/** The server's one initialised i18next; requests use cheap clones or fixed-T functions of it. */
export const serverI18n = createInstance();
void serverI18n.init({ ...i18nConfig, resources, lng: DEFAULT_LOCALE, initImmediate: false });

// remix-i18next is used for its language detection only (?lng=, cookie, Accept-Language).
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // ?lng= wins so a shared link opens in the sender's language; then the saved choice; then the browser.
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLocale(request: Request): Promise<Locale> {
  const found = await i18next.getLocale(request);
  return isLocale(found) ? found : DEFAULT_LOCALE;
}

/** Locale and a translator for loaders (page titles, meta) in one call. */
export async function getRequestI18n(request: Request) {
  const locale = await getLocale(request);
  const t = serverI18n.getFixedT(locale, "common");
  return { locale, t };
}
