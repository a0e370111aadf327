import { DEFAULT_LOCALE, type Locale } from "./config";

// Which of our nine locales a language tag means, and the best one for an Accept-Language header. Browsers send
// tags we do not name our folders by (zh-CN, pt, fil, ja-JP, en-GB): each is mapped by its language and, for Chinese,
// its script or region (Traditional Chinese is not offered, so zh-TW and zh-Hant fall through to the next choice).

const BY_LANGUAGE: Record<string, Locale> = {
  ja: "ja",
  en: "en",
  ko: "ko",
  vi: "vi",
  tl: "tl",
  fil: "tl",
  ne: "ne",
  pt: "pt-BR",
};

const TRADITIONAL_CHINESE = new Set(["hant", "tw", "hk", "mo"]);

/** The locale a single tag asks for, or null when we do not offer it. Case and `_` separators do not matter. */
export function localeForTag(tag: string): Locale | null {
  const parts = tag.trim().replace(/_/g, "-").toLowerCase().split("-").filter(Boolean);
  const [language, ...rest] = parts;
  if (!language) return null;
  if (language === "ja" && rest[0] === "x" && rest[1] === "easy") return "ja-x-easy";
  if (language === "zh") return rest.some((p) => TRADITIONAL_CHINESE.has(p)) ? null : "zh-Hans";
  return BY_LANGUAGE[language] ?? null;
}

/**
 * The best of our locales for an Accept-Language header: tags in order of their q-value (ties keep the header's
 * order), q=0 meaning "not this one", `*` meaning anything (the default); Japanese when nothing matches.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(",")
    .slice(0, 32) // a header is short; a huge one gets no more work than this
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? Math.min(Math.max(quality, 0), 1) : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === "*") return DEFAULT_LOCALE;
    const locale = localeForTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
