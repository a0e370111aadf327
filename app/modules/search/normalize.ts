// Japanese-aware normalisation shared by indexing and querying.

/**
 * NFKC (full-width → half-width ASCII, half-width kana → full-width) + lower case + trimmed, single spaces.
 * Control characters separate words (a NUL must never reach SQLite, where it ends a string early); invisible
 * format characters (zero-width space, word joiner, BOM…) are dropped, so text and queries compare as read, and
 * so is half a surrogate pair (a query cut in UTF-16 units), which the database driver refuses.
 */
export function normalizeText(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/[\p{Cf}\p{Cs}]/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Katakana → hiragana, so either script finds the other. */
export function toHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

export function toKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** The spellings a query is tried in: as typed (normalised), in hiragana and in katakana. */
export function queryVariants(query: string): string[] {
  const base = normalizeText(query);
  if (!base) return [];
  return [...new Set([base, toHiragana(base), toKatakana(base)])];
}

/** What the index stores and queries are compared in: normalised and katakana folded to hiragana. */
export function foldForSearch(value: string): string {
  return toHiragana(normalizeText(value));
}

/**
 * The query as a person typed it, made fit to show back (title, search box, "results for …") and to search:
 * control characters become spaces, invisible format characters and half surrogate pairs go, and it is cut at
 * `max` code points (cutting UTF-16 units could split a character such as 𠮷). Case and width stay as typed.
 */
export function cleanQuery(raw: string, max: number): string {
  const cleaned = raw
    .normalize("NFC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/[\p{Cf}\p{Cs}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(cleaned).slice(0, max).join("").trim();
}

// Hepburn for hiragana, so "Wakaba" or "kodomo shokudo" typed by someone without a Japanese keyboard finds
// わかば こども食堂. Digraphs (きゃ) are tried before single kana; っ doubles the next consonant; ー repeats nothing.
const DIGRAPHS: Record<string, string> = {
  きゃ: "kya", きゅ: "kyu", きょ: "kyo", しゃ: "sha", しゅ: "shu", しょ: "sho", ちゃ: "cha", ちゅ: "chu", ちょ: "cho",
  にゃ: "nya", にゅ: "nyu", にょ: "nyo", ひゃ: "hya", ひゅ: "hyu", ひょ: "hyo", みゃ: "mya", みゅ: "myu", みょ: "myo",
  りゃ: "rya", りゅ: "ryu", りょ: "ryo", ぎゃ: "gya", ぎゅ: "gyu", ぎょ: "gyo", じゃ: "ja", じゅ: "ju", じょ: "jo",
  ぢゃ: "ja", ぢゅ: "ju", ぢょ: "jo", びゃ: "bya", びゅ: "byu", びょ: "byo", ぴゃ: "pya", ぴゅ: "pyu", ぴょ: "pyo",
  ふぁ: "fa", ふぃ: "fi", ふぇ: "fe", ふぉ: "fo", てぃ: "ti", でぃ: "di", うぃ: "wi", うぇ: "we", ゔぁ: "va",
};
const MONOGRAPHS =
  "あa いi うu えe おo かka きki くku けke こko さsa しshi すsu せse そso たta ちchi つtsu てte とto なna にni ぬnu ねne のno " +
  "はha ひhi ふfu へhe ほho まma みmi むmu めme もmo やya ゆyu よyo らra りri るru れre ろro わwa ゐi ゑe をo んn " +
  "がga ぎgi ぐgu げge ごgo ざza じji ずzu ぜze ぞzo だda ぢji づzu でde どdo ばba びbi ぶbu べbe ぼbo ぱpa ぴpi ぷpu ぺpe ぽpo " +
  "ぁa ぃi ぅu ぇe ぉo ゃya ゅyu ょyo ゎwa ゔvu";
const MONO: Record<string, string> = Object.fromEntries(MONOGRAPHS.split(" ").map((pair) => [pair[0]!, pair.slice(1)]));

/**
 * Hiragana (or katakana) → Hepburn romaji, in two spellings: as typed on a kana keyboard (しょくどう → shokudou)
 * and with long vowels shortened as on signs and in English text (shokudo, Tokyo). Other characters are kept.
 */
export function romanize(value: string): string[] {
  const kana = toHiragana(value);
  let out = "";
  let double = false;
  for (let i = 0; i < kana.length; i++) {
    const pair = kana.slice(i, i + 2);
    let roman = DIGRAPHS[pair];
    if (roman) i++;
    else if (kana[i] === "っ") {
      double = true;
      continue;
    } else if (kana[i] === "ー") continue;
    else roman = MONO[kana[i]!] ?? kana[i]!;
    if (double && /^[a-z]/.test(roman)) roman = (roman.startsWith("ch") ? "t" : roman[0]) + roman;
    double = false;
    out += roman;
  }
  const short = out.replace(/ou/g, "o").replace(/uu/g, "u").replace(/oo/g, "o");
  return [...new Set([out, short])];
}
