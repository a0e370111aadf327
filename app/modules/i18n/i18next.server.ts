import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { createInstance, type Resource } from "i18next";
import { DEFAULT_LOCALE, DEFAULT_NAMESPACE, SUPPORTED_LOCALES, UI_NAMESPACES, isLocale, type Locale, type Namespace } from "./config";
import type { Dict } from "./client-i18n";
import { fallbackResources, type Resources } from "./fallback";
import { localeForTag, negotiateLocale } from "./negotiate";
import type { PageTranslations } from "./page-translations";
import { jsonForScript } from "~/utils/html";

// i18next's own options and the email namespace live here, not in config.ts: only the server's i18next uses them,
// and config.ts is loaded by the browser on every page.

/** Email words are used on the server only and never go to a browser. */
export const EMAIL_NAMESPACE = "email";
export const NAMESPACES = [...UI_NAMESPACES, EMAIL_NAMESPACE] as const;

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: DEFAULT_NAMESPACE,
  // `t("places.title")` looks in "common" first, then in the other namespaces: calls stay the same wherever their
  // key's file is. A page's renderer narrows this list to the namespaces the page declares.
  fallbackNS: UI_NAMESPACES.filter((ns) => ns !== DEFAULT_NAMESPACE),
  ns: [...NAMESPACES],
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
};

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const LOCALES_DIR = path.resolve("./public/locales");

/** One namespace file of one locale. */
export function readNamespace(lng: string, ns: string): Dict {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, `${ns}.json`), "utf8")) as Dict;
}

// Every translation is read once at start-up and kept in memory: creating an i18next instance with a file
// backend on each request re-read and re-parsed the JSON files every time (tens of ms per page under load).
function loadResources(): Resource {
  return Object.fromEntries(SUPPORTED_LOCALES.map((lng) => [lng, Object.fromEntries(NAMESPACES.map((ns) => [ns, readNamespace(lng, ns)]))]));
}

export const resources = loadResources();

const uiResources = (lng: string): Resources => Object.fromEntries(UI_NAMESPACES.map((ns) => [ns, resources[lng]![ns] as Dict]));

const fallbacks = new Map(SUPPORTED_LOCALES.map((lng) => [lng, fallbackResources(uiResources(DEFAULT_LOCALE), uiResources(lng), lng)]));

/** The Japanese entries a page in `locale` may show because that locale lacks them (empty when it is complete). */
export function fallbackFor(locale: Locale): Resources {
  return fallbacks.get(locale) ?? {};
}

/** What a page in `locale` whose routes declare `namespaces` sends to the browser, and nothing more. */
export function pageTranslations(locale: Locale, namespaces: readonly Namespace[]): PageTranslations {
  const pick = (all: Resources) => Object.fromEntries(namespaces.filter((ns) => all[ns]).map((ns) => [ns, all[ns]!]));
  const fallback = pick(fallbackFor(locale));
  return {
    resources: { [locale]: pick(uiResources(locale)), ...(Object.keys(fallback).length > 0 ? { [DEFAULT_LOCALE]: fallback } : {}) },
    partial: Object.keys(fallbackFor(locale)),
  };
}

/**
 * JSON for the data block PageTranslationsScript writes: "<" is escaped so no translation can close the script
 * element. Here rather than in page-translations.tsx, which the browser loads on every page: only the server writes it.
 */
export function pageTranslationsJson(translations: PageTranslations): string {
  return jsonForScript(translations);
}

/** The server's one initialised i18next; requests use cheap clones or fixed-T functions of it. */
export const serverI18n = createInstance();
void serverI18n.init({ ...i18nConfig, resources, lng: DEFAULT_LOCALE, initImmediate: false });

/**
 * The translator a page is rendered with: it sees only the namespaces the page declares, exactly what the browser
 * gets, so server and browser render the same text. A key outside them would show raw in both; it is logged so
 * that tests and logs catch the route that forgot to declare its namespace.
 */
export async function pageI18n(lng: Locale, namespaces: readonly Namespace[]) {
  const instance = serverI18n.cloneInstance({
    lng,
    fallbackNS: namespaces.filter((ns) => ns !== DEFAULT_NAMESPACE),
    saveMissing: true,
    missingKeyHandler: (_lngs: readonly string[], _ns: string, key: string, _fallback: string, _update: boolean, options: { defaultValue?: unknown }) => {
      // A default value is a deliberate answer for keys that may be absent (e.g. an unknown language code).
      if (options?.defaultValue !== undefined) return;
      console.error(`i18n: "${key}" is in none of this page's namespaces (${namespaces.join(", ")}); add its namespace to the route's handle.i18n`);
    },
  });
  await instance.changeLanguage(lng);
  remember(instance, `${lng}|${namespaces.join(",")}`);
  return instance;
}

// A page calls t() a few hundred times (every card repeats its labels), and i18next works out each answer anew:
// key parsing, namespace and fallback lookups, interpolation (3–5 ms of CPU per list page). The translations never
// change while the server runs, so an answer depends only on the language, the page's namespaces, the key and
// plain options: such answers are kept, per language and set of namespaces, up to a bound.
const MEMO_LIMIT = 20_000;
const memos = new Map<string, Map<string, unknown>>();
const plain = (value: unknown) => value === null || ["string", "number", "boolean", "undefined"].includes(typeof value);

function remember(instance: ReturnType<typeof createInstance>, scope: string) {
  let memo = memos.get(scope);
  if (!memo) memos.set(scope, (memo = new Map()));
  const answers = memo;
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const t = (...args: unknown[]) => {
    const [key, options, ...rest] = args;
    if (rest.length > 0 || typeof key !== "string") return translate(...args);
    let id = key;
    if (options !== undefined) {
      if (typeof options !== "object" || options === null || !Object.values(options).every(plain)) return translate(...args);
      id = `${key}\u0000${JSON.stringify(options)}`;
    }
    if (answers.has(id)) return answers.get(id);
    const answer = translate(key, options);
    if (answers.size >= MEMO_LIMIT) answers.clear();
    answers.set(id, answer);
    return answer;
  };
  instance.t = t as unknown as typeof instance.t;
}

/**
 * The language of this request: ?lng= wins so a shared link opens in the sender's language (and root remembers it
 * in a cookie); then the saved choice; then the best of the browser's languages (negotiate.ts); then Japanese.
 */
/** What language detection reads of a request: a Fetch Request, or the page cache's lighter stand-in. */
export type LocaleRequest = { url: string; headers: { get(name: string): string | null } };

export async function getLocale(request: LocaleRequest): Promise<Locale> {
  return (await chosenLocale(request)) ?? negotiateLocale(request.headers.get("Accept-Language"));
}

/** What the visitor chose: ?lng= (any tag we understand, e.g. zh-CN) or the cookie; null when they chose nothing. */
async function chosenLocale(request: LocaleRequest): Promise<Locale | null> {
  const asked = new URL(request.url).searchParams.get("lng");
  const fromLink = asked ? localeForTag(asked.slice(0, 35)) : null;
  if (fromLink) return fromLink;
  const saved: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(saved) ? saved : null;
}

/** Locale and a translator for loaders (page titles, meta) in one call; it sees every namespace. */
export async function getRequestI18n(request: Request) {
  const locale = await getLocale(request);
  const t = serverI18n.getFixedT(locale, DEFAULT_NAMESPACE);
  return { locale, t };
}

/** Every interface word of one locale in one tree, keyed as code asks for them (for checks that read keys directly). */
export function interfaceWords(lng: string): Dict {
  const merge = (into: Dict, from: Dict) => {
    for (const [k, v] of Object.entries(from)) {
      const own = into[k];
      if (own && typeof own === "object" && !Array.isArray(own) && v && typeof v === "object" && !Array.isArray(v)) merge(own, v);
      else into[k] = structuredClone(v);
    }
    return into;
  };
  return UI_NAMESPACES.reduce<Dict>((tree, ns) => merge(tree, readNamespace(lng, ns)), {});
}
