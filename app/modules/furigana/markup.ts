// Furigana as data: a reading is carried as Aozora-style markup, 「｜居場所《いばしょ》です」, computed on the server and
// sent to the browser as a string, so both render exactly the same <ruby> markup (hydration compares them).

const OPEN = "｜";
const START = "《";
const END = "》";
const MARKUP = /｜([^｜《》]+)《([^｜《》]+)》/g;

/** Characters that take a reading: kanji, the iteration mark 々, and the small ヶ/ヵ of place names (鶴ヶ島). */
const KANJI = /[\p{Script=Han}々〆ヶヵ]/u;
const KANJI_RUN = /[\p{Script=Han}々〆ヶヵ]+/gu;

export type RubySegment = string | { base: string; reading: string };

export function hasKanji(text: string): boolean {
  return KANJI.test(text);
}

/** Text that cannot be carried as markup (it holds the markup's own brackets) is shown without readings. */
export function canCarryRuby(text: string): boolean {
  return !/[｜《》]/.test(text);
}

export function rubyMarkup(base: string, reading: string): string {
  return `${OPEN}${base}${START}${reading}${END}`;
}

/** Katakana → hiragana, leaving ヶ/ヵ alone (they are read が/か/こ in names, and sit with the kanji). */
export function katakanaToHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f4]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Places a reading over the kanji of `surface`, keeping its kana as written (okurigana): 読み方 + よみかた →
 * ｜読《よ》み｜方《かた》. Kana in the surface must appear in the reading (katakana and hiragana compare equal);
 * each run of kanji takes what lies between. Returns null when the reading does not fit the surface.
 */
export function alignReading(surface: string, reading: string): string | null {
  const runs = surface.match(KANJI_RUN);
  if (!runs) return surface;
  const parts = surface.split(KANJI_RUN);
  // parts and runs interleave: parts[0] runs[0] parts[1] runs[1] … parts[n]
  const pattern = parts.map((part) => escapeRegExp(katakanaToHiragana(part))).join("(.+?)");
  const match = new RegExp(`^${pattern}$`, "su").exec(katakanaToHiragana(reading));
  if (!match) return null;
  let out = parts[0]!;
  runs.forEach((run, i) => {
    const read = match[i + 1]!;
    out += (katakanaToHiragana(run) === read ? run : rubyMarkup(run, read)) + parts[i + 1]!;
  });
  return out;
}

/** Markup → plain text and ruby segments, in order. */
export function parseRuby(markup: string): RubySegment[] {
  const segments: RubySegment[] = [];
  let at = 0;
  for (const m of markup.matchAll(MARKUP)) {
    if (m.index! > at) segments.push(markup.slice(at, m.index));
    segments.push({ base: m[1]!, reading: m[2]! });
    at = m.index! + m[0].length;
  }
  if (at < markup.length) segments.push(markup.slice(at));
  return segments;
}

/** The plain text of markup (what was read). */
export function stripRuby(markup: string): string {
  return markup.replace(MARKUP, "$1");
}

/** Only hiragana (and the long-vowel mark), as a name's reading must be written. */
export const HIRAGANA_READING = /^[\u3041-\u3096ー]+$/u;
