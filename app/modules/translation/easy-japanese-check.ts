import { kyoikuGrade } from "./kyoiku-kanji";

// Hints for text written in やさしい日本語, after 出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」
// (2020) and the rules councils and prefectures summarise from it. Advisory only: the guideline itself declines
// strict numeric criteria, so every rule here is a prompt to look again, never a reason to refuse a save. Each rule
// is a table of words or one regular expression, so a hint can always say which words caused it. Pure: the
// organiser's browser runs it live and the server runs it again on the saved text.

export const EASY_HINT = {
  longSentence: "longSentence",
  honorific: "honorific",
  hardKanji: "hardKanji",
  loanword: "loanword",
  doubleNegative: "doubleNegative",
  range: "range",
  abbreviation: "abbreviation",
  kanjiNumeral: "kanjiNumeral",
  clockTime: "clockTime",
  era: "era",
  halfwidth: "halfwidth",
} as const;
export type EasyHintKind = (typeof EASY_HINT)[keyof typeof EASY_HINT];

export type EasyJapaneseHint = {
  kind: EasyHintKind;
  /** The words the hint is about, as written. */
  excerpt: string;
  /** Where the excerpt starts in the text (UTF-16 index, as a textarea's selectionStart counts). */
  position: number;
  /** Easier words to use instead, in Japanese (the text is Japanese whatever the interface language). */
  suggestion?: string;
};

/**
 * A sentence longer than this (characters, without spaces and readings in brackets) gets a hint. The guideline
 * sets no limit; councils' training material asks for about 30 to 40 characters, one idea per sentence.
 */
export const LONG_SENTENCE_CHARS = 40;

/**
 * Kanji taught after this school year get a hint unless a reading follows in brackets: 申込(もうしこみ). The first
 * three years' 440 characters cover the words of everyday notices (駅, 病院, 薬, 予定, 時間, 会場); stopping at two
 * years would flag 駅 and 薬, four years would let 福祉's neighbours 協 and 議 pass without a reading.
 */
export const EASY_KANJI_MAX_GRADE = 3;

/** Katakana words at least this long get a hint unless they are common (COMMON_LOANWORDS). */
export const LONG_LOANWORD_CHARS = 7;

/** 尊敬語・謙譲語 and their plain polite forms. Checked in this order; the first match at a place wins. */
const HONORIFICS: { pattern: RegExp; suggestion: string }[] = [
  { pattern: /いらっしゃ[いらりるれっ]/g, suggestion: "います／来ます" },
  { pattern: /おいでにな[らりるれっ]/g, suggestion: "来ます" },
  { pattern: /おっしゃ[いらりるれっ]/g, suggestion: "言います" },
  { pattern: /召し上が[らりるれっ]/g, suggestion: "食べます／飲みます" },
  { pattern: /ご覧[にくいな]/g, suggestion: "見ます" },
  { pattern: /拝見/g, suggestion: "見ます" },
  { pattern: /存じ/g, suggestion: "知っています" },
  // 申し込み (to apply) is the plain word; only 申します and 申し上げる are humble.
  { pattern: /申し(?:ます|ました|上げ)/g, suggestion: "言います" },
  { pattern: /参り(?:ます|ました)/g, suggestion: "行きます／来ます" },
  { pattern: /伺[いうえわっ]/g, suggestion: "聞きます／行きます" },
  { pattern: /(?:いただ|頂)[かきくけこい]/g, suggestion: "もらいます／〜てください" },
  { pattern: /くださいませ/g, suggestion: "ください" },
  { pattern: /差し上げ/g, suggestion: "あげます" },
  { pattern: /(?:いた|致)し(?:ます|ました|ません)/g, suggestion: "します" },
  // しております, but not 通ります or 降ります written in kana.
  { pattern: /(?:(?<=[てで])|(?<![ぁ-ん]))おり(?:ます|ました|ません)/g, suggestion: "います" },
  { pattern: /ござい(?:ます|ました|ません)/g, suggestion: "あります／です" },
  { pattern: /なさ[いらりるれっ]/g, suggestion: "します" },
  // お待ちになる, ご利用になる, お読みください, ご確認ください: drop お/ご and use 〜ます / 〜てください. A verb's
  // stem (お + kanji + い-row kana) or a two-kanji noun after ご, so お金になります and お正月 are left alone.
  { pattern: /(?:お\p{Script=Han}{1,2}[いきしちにひみりぎじびぴ]|ご\p{Script=Han}{2})にな[らりるれっ]/gu, suggestion: "〜ます" },
  { pattern: /(?:お\p{Script=Han}{1,2}[いきしちにひみりぎじびぴ]|ご\p{Script=Han}{2})ください/gu, suggestion: "〜てください" },
];

const DOUBLE_NEGATIVES: { pattern: RegExp; suggestion: string }[] = [
  { pattern: /ないことは(?:ない|ありません)/g, suggestion: "〜ます（はっきり書きます）" },
  { pattern: /ないことも(?:ない|ありません)/g, suggestion: "〜ます（はっきり書きます）" },
  { pattern: /なくは(?:ない|ありません)/g, suggestion: "〜ます（はっきり書きます）" },
  { pattern: /なくも(?:ない|ありません)/g, suggestion: "〜ます（はっきり書きます）" },
  { pattern: /ないわけでは(?:ない|ありません)/g, suggestion: "〜ます（はっきり書きます）" },
  { pattern: /ないとは限(?:らない|りません)/g, suggestion: "〜かもしれません" },
  { pattern: /ざるを得(?:ない|ません)/g, suggestion: "〜します" },
  { pattern: /なければ(?:なりません|ならない|いけません|いけない)/g, suggestion: "〜てください" },
];

/** Shortened words and what to write instead. */
const ABBREVIATIONS: Record<string, string> = {
  社協: "社会福祉協議会",
  特養: "特別養護老人ホーム",
  老健: "介護老人保健施設",
  地域包括: "地域包括支援センター",
  包括: "地域包括支援センター",
  ケアマネ: "ケアマネジャー",
  生協: "生活協同組合",
  国保: "国民健康保険",
  学童: "学童保育",
  コンビニ: "コンビニエンスストア",
  スマホ: "スマートフォン（けいたい電話）",
  パソコン: "パーソナルコンピューター",
  アプリ: "アプリケーション",
  デイ: "デイサービス",
  リハビリ: "リハビリテーション",
  エアコン: "エアコンディショナー（れいぼう・だんぼう）",
  バイト: "アルバイト",
};

/** Latin acronyms a reader may need spelt out; any other run of two or more capitals gets a hint without one. */
const ACRONYMS: Record<string, string> = {
  NPO: "ボランティアなどを する 団体（エヌピーオー）",
  PTA: "学校の 親と 先生の 会（ピーティーエー）",
  ATM: "お金を 出す 機械（エーティーエム）",
  AED: "心臓を 助ける 機械（エーイーディー）",
  SNS: "インターネットで 話す サービス",
};
/** Acronyms readers meet every day (QR codes on every notice). */
const COMMON_ACRONYMS = new Set(["QR"]);

/** Long katakana words most readers know; shorter ones are never flagged unless in HARD_LOANWORDS. */
const COMMON_LOANWORDS = new Set([
  "インターネット",
  "スマートフォン",
  "エレベーター",
  "エスカレーター",
  "ホームページ",
  "パスポート",
  "ボランティア",
  "ボランティアセンター",
  "カレンダー",
  "プレゼント",
  "レストラン",
  "コンピューター",
]);

/** Loanwords whose meaning is not plain to many readers, with plain words. */
const HARD_LOANWORDS: Record<string, string> = {
  エントリー: "申し込み",
  リマインド: "もう一度 知らせます",
  リマインダー: "お知らせ",
  スキル: "できること",
  シェア: "分けます／知らせます",
  マッチング: "合う 人を 見つけます",
  サポート: "手伝います",
  ニーズ: "必要な こと",
  アクセス: "行き方",
  スペース: "場所",
  エリア: "地域",
  コミュニティ: "地域の 人たち",
  コミュニティー: "地域の 人たち",
  ワークショップ: "作る 会／学ぶ 会",
  オリエンテーション: "説明の 会",
  アクティビティ: "活動",
  プログラム: "予定／内容",
  コンテンツ: "内容",
  ツール: "道具",
  フードパントリー: "食べ物を 無料で 渡す 場所",
  フードドライブ: "食べ物を 集める 活動",
  アセスメント: "調べます",
  インクルーシブ: "だれでも 一緒に",
  ウェルビーイング: "元気で 幸せな こと",
  ステークホルダー: "関係する 人",
};

/** 元号 and the 西暦 year of their first year minus one: 令和8年 = 2018 + 8. */
const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

const KANJI = /[\p{Script=Han}々]/u;
const KATAKANA_WORD = /[ァ-ヺー・]+/g;
const READING_AFTER = /^[(（][ぁ-んァ-ヺー・\s]+[)）]/;
const SENTENCE = /[^。！？!?\n]+[。！？!?]*/g;
const KANJI_DIGITS = "〇一二三四五六七八九十";

function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(re)];
}

function longSentences(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  for (const m of allMatches(text, SENTENCE)) {
    const sentence = m[0];
    // Readings in brackets make a sentence easier, not longer.
    const length = [...sentence.replace(/[(（][^)）]*[)）]/g, "").replace(/[\s。！？!?]/g, "")].length;
    if (length > LONG_SENTENCE_CHARS) {
      const start = m.index + (sentence.length - sentence.trimStart().length);
      hints.push({ kind: EASY_HINT.longSentence, excerpt: shorten(sentence.trim()), position: start });
    }
  }
  return hints;
}

function fromTable(text: string, kind: EasyHintKind, table: { pattern: RegExp; suggestion: string }[]): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  const taken = new Set<number>();
  for (const { pattern, suggestion } of table) {
    for (const m of allMatches(text, pattern)) {
      const covered = [...Array(m[0].length).keys()].some((i) => taken.has(m.index + i));
      if (covered) continue;
      for (let i = 0; i < m[0].length; i++) taken.add(m.index + i);
      hints.push({ kind, excerpt: m[0], position: m.index, suggestion });
    }
  }
  return hints;
}

function hardKanji(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  // A run of kanji is one word as a reader meets it: 申込書 gets one hint, not three.
  for (const m of allMatches(text, /[\p{Script=Han}々]+/gu)) {
    const hard = [...m[0]].filter((c) => c !== "々" && (kyoikuGrade(c) ?? 99) > EASY_KANJI_MAX_GRADE);
    if (!hard.length) continue;
    if (READING_AFTER.test(text.slice(m.index + m[0].length))) continue;
    hints.push({ kind: EASY_HINT.hardKanji, excerpt: m[0], position: m.index, suggestion: [...new Set(hard)].join("・") });
  }
  return hints;
}

function loanwords(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  for (const m of allMatches(text, KATAKANA_WORD)) {
    const word = m[0].replace(/^[・ー]+|・+$/g, "");
    if (!word) continue;
    const position = m.index + m[0].indexOf(word);
    if (word in ABBREVIATIONS) continue;
    const hard = HARD_LOANWORDS[word];
    if (hard) {
      hints.push({ kind: EASY_HINT.loanword, excerpt: word, position, suggestion: hard });
    } else if ([...word].length >= LONG_LOANWORD_CHARS && !COMMON_LOANWORDS.has(word)) {
      hints.push({ kind: EASY_HINT.loanword, excerpt: word, position });
    }
  }
  return hints;
}

function abbreviations(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  // Longest first, so 地域包括 is one hint and not also 包括.
  const taken = new Set<number>();
  for (const word of Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length)) {
    for (const m of allMatches(text, new RegExp(escape(word), "g"))) {
      if (taken.has(m.index)) continue;
      const full = ABBREVIATIONS[word]!;
      const covered = text.startsWith(full, m.index) ? full.length : word.length;
      for (let i = 0; i < covered; i++) taken.add(m.index + i);
      // Already written out in full (学童保育, 地域包括支援センター).
      if (covered > word.length) continue;
      // A katakana abbreviation inside a longer katakana word (デイ in デイサービス) is not the abbreviation.
      const before = text[m.index - 1] ?? "";
      const after = text[m.index + word.length] ?? "";
      if (/^[ァ-ヺー]/.test(word) && (/[ァ-ヺー]/.test(before) || /[ァ-ヺー]/.test(after))) continue;
      hints.push({ kind: EASY_HINT.abbreviation, excerpt: word, position: m.index, suggestion: full });
    }
  }
  for (const m of allMatches(text, /(?<![A-Za-zＡ-Ｚａ-ｚ])[A-ZＡ-Ｚ]{2,}(?![A-Za-zＡ-Ｚａ-ｚ])/g)) {
    const ascii = m[0].normalize("NFKC");
    if (COMMON_ACRONYMS.has(ascii)) continue;
    hints.push({ kind: EASY_HINT.abbreviation, excerpt: m[0], position: m.index, suggestion: ACRONYMS[ascii] });
  }
  return hints;
}

function ranges(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  // 〜 ～ ~ anywhere; a dash only between numbers (10–12時), since a hyphen also joins phone numbers.
  for (const m of allMatches(text, /[〜～~]|(?<=\d\s?)[–—―－](?=\s?\d)/g)) {
    // The two ends of the range, when they are times, dates or amounts: 午前10時〜午前11時, 12/1〜12/3.
    const before = /[午前後\d:：時分半月日年円/]{0,8}$/.exec(text.slice(0, m.index))![0];
    const after = /^[午前後\d:：時分半月日年円/]{0,8}/.exec(text.slice(m.index + 1))![0];
    hints.push({ kind: EASY_HINT.range, excerpt: before + m[0] + after, position: m.index - before.length, suggestion: "〇〇から 〇〇まで" });
  }
  return hints;
}

function kanjiDigitsToNumber(digits: string): number | null {
  if (digits === "十") return 10;
  if (/^十[一二三四五六七八九]$/.test(digits)) return 10 + KANJI_DIGITS.indexOf(digits[1]!);
  if (/^[二三四五六七八九]十$/.test(digits)) return KANJI_DIGITS.indexOf(digits[0]!) * 10;
  if (/^[二三四五六七八九]十[一二三四五六七八九]$/.test(digits)) return KANJI_DIGITS.indexOf(digits[0]!) * 10 + KANJI_DIGITS.indexOf(digits[2]!);
  if (/^[〇一二三四五六七八九]+$/.test(digits)) return Number([...digits].map((c) => KANJI_DIGITS.indexOf(c)).join(""));
  return null;
}

function kanjiNumerals(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  // Dates, times, yen and people counted in kanji: 十二月三日, 午後二時, 五百円. 十分 (enough), 一人 (alone) and
  // 一日 (a day) are words, not figures, unless they follow a month.
  for (const m of allMatches(text, /[〇一二三四五六七八九十]+(?:年|月|時|分|円|日|回|人|歳|才)/g)) {
    const unit = m[0].slice(-1);
    const digits = m[0].slice(0, -1);
    const afterMonth = text[m.index - 1] === "月";
    if (m[0] === "十分") continue;
    if ((unit === "日" || unit === "人" || unit === "回") && !afterMonth && digits.length === 1) continue;
    // Inside a kanji word (第一回, 一時的) the numeral is part of the word; after 午後/年/月 it is a figure.
    if (KANJI.test(text[m.index - 1] ?? "") && !/[前後年月時]/.test(text[m.index - 1] ?? "")) continue;
    const n = kanjiDigitsToNumber(digits);
    if (n === null) continue;
    hints.push({ kind: EASY_HINT.kanjiNumeral, excerpt: m[0], position: m.index, suggestion: `${n}${unit}` });
  }
  return hints;
}

function clockTimes(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  // 14:00 or 14時 without 午前/午後 just before: the guideline writes 午後2時.
  for (const m of allMatches(text, /(?<![\d:：])([0-2]?\d)\s?(?:[:：]\s?([0-5]\d)|時(?:([0-5]?\d)分|半)?)/g)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (/午[前後]\s*$/.test(before)) continue;
    const hour = Number(m[1]);
    if (hour > 24) continue;
    // 24時間, 1時間: a length of time, not a clock time.
    if (text.slice(m.index + m[0].length).startsWith("間")) continue;
    const minutes = m[2] ?? m[3];
    const half = m[0].endsWith("半");
    const period = hour < 12 || hour === 24 ? "午前" : "午後";
    const h12 = hour % 12 === 0 && hour !== 12 ? 0 : hour > 12 ? hour - 12 : hour;
    const suggestion = `${period}${h12}時${half ? "半" : minutes && Number(minutes) ? `${Number(minutes)}分` : ""}`;
    hints.push({ kind: EASY_HINT.clockTime, excerpt: m[0], position: m.index, suggestion });
  }
  return hints;
}

function eras(text: string): EasyJapaneseHint[] {
  const hints: EasyJapaneseHint[] = [];
  for (const m of allMatches(text, /(令和|平成|昭和)\s?(元|\d{1,2})\s?年/g)) {
    // 令和8年(2026年) already gives the 西暦 year.
    if (/^[(（]\s?\d{4}/.test(text.slice(m.index + m[0].length))) continue;
    const year = ERAS[m[1]!]! + (m[2] === "元" ? 1 : Number(m[2]));
    hints.push({ kind: EASY_HINT.era, excerpt: m[0], position: m.index, suggestion: `${year}年（${m[0]}）` });
  }
  return hints;
}

function halfwidth(text: string): EasyJapaneseHint[] {
  // Half-width katakana and brackets (ｶﾀｶﾅ, ｢ ｣) read badly and break furigana and screen readers.
  return allMatches(text, /[｡-ﾟ]+/g).map((m) => ({
    kind: EASY_HINT.halfwidth,
    excerpt: m[0],
    position: m.index,
    suggestion: m[0].normalize("NFKC"),
  }));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function shorten(s: string): string {
  const chars = [...s];
  return chars.length > 24 ? `${chars.slice(0, 24).join("")}…` : s;
}

/** Every hint for a text, in the order they appear. Empty text has none. */
export function checkEasyJapanese(text: string): EasyJapaneseHint[] {
  if (!text.trim()) return [];
  const shortened = abbreviations(text);
  // 社協 is one thing to fix (write it in full), not also a hard kanji.
  const sameWord = (h: EasyJapaneseHint) => shortened.some((a) => a.position === h.position && a.excerpt === h.excerpt);
  const hints = [
    ...longSentences(text),
    ...fromTable(text, EASY_HINT.honorific, HONORIFICS),
    ...hardKanji(text).filter((h) => !sameWord(h)),
    ...loanwords(text),
    ...fromTable(text, EASY_HINT.doubleNegative, DOUBLE_NEGATIVES),
    ...ranges(text),
    ...shortened,
    ...kanjiNumerals(text),
    ...clockTimes(text),
    ...eras(text),
    ...halfwidth(text),
  ];
  return hints.sort((a, b) => a.position - b.position || a.kind.localeCompare(b.kind));
}
