// Shared by server and browser. Japanese is the default; every locale has every key (tests/i18n check).
export const SUPPORTED_LOCALES = ["ja", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";

/** Native names for the language switcher (always shown in their own language). */
export const LOCALE_NAMES: Record<Locale, string> = {
  ja: "日本語",
  en: "English",
};

/** Languages that content (an item's own text) can be offered in: a filter and a field of every item. */
export const CONTENT_LANGUAGES = ["ja", "en", "zh-Hans", "ko", "vi", "tl", "ne", "pt-BR"] as const;

export const NAMESPACES = ["common", "email"] as const;

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
