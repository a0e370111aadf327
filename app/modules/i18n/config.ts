// Shared by server and browser. Japanese is the default; every locale has every key (tests/i18n check).
// The languages of Tsurugashima's residents (basic policy Ⅰ-1 to Ⅰ-3): Japanese, easy Japanese (やさしい日本語, a
// private-use tag so it is never mistaken for a region), then the languages foreign-born residents of Saitama read most.
export const SUPPORTED_LOCALES = ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi", "tl", "ne", "pt-BR"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";

/** Native names for the language switcher (always shown in their own language and script). */
export const LOCALE_NAMES: Record<Locale, string> = {
  ja: "日本語",
  "ja-x-easy": "やさしい にほんご",
  en: "English",
  "zh-Hans": "简体中文",
  ko: "한국어",
  vi: "Tiếng Việt",
  tl: "Tagalog",
  ne: "नेपाली",
  "pt-BR": "Português",
};

/** Japanese, plain or easy: the council's own names and Japanese typography apply. */
export function isJapanese(locale: string): boolean {
  return locale === "ja" || locale === "ja-x-easy";
}

/** Languages that content (an item's own text) can be offered in: a filter and a field of every item. */
export const CONTENT_LANGUAGES = ["ja", "en", "zh-Hans", "ko", "vi", "tl", "ne", "pt-BR"] as const;

/**
 * The interface's namespaces, public/locales/<lng>/<ns>.json. A page receives only those its routes declare in
 * `handle.i18n` (root declares "common"): the words of every page, of lists and cards, of one domain, of the
 * organiser workspace, … Each key lives in exactly one of them (locales.test.ts), so code names a key, never its file.
 */
export const UI_NAMESPACES = [
  "common",
  "listing",
  "lists",
  "detail",
  "home",
  "search",
  "places",
  "events",
  "volunteering",
  "participation",
  "account",
  "profile",
  "manage",
  "privacy",
  "accessibility",
  "opendata",
  "system",
  "staff",
  "reports",
  "people",
  "insight",
  "quickjoin",
  "quickmatch",
  "translation",
  "matching",
] as const;
export type Namespace = (typeof UI_NAMESPACES)[number];
export const DEFAULT_NAMESPACE: Namespace = "common";

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (UI_NAMESPACES as readonly string[]).includes(value);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
