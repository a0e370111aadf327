import { describe, expect, it } from "vitest";
import { EASY_HINT, checkEasyJapanese, type EasyHintKind } from "./easy-japanese-check";
import { KYOIKU_KANJI_BY_GRADE, kyoikuGrade } from "./kyoiku-kanji";

const kinds = (text: string) => checkEasyJapanese(text).map((h) => h.kind);

describe("the 教育漢字 table", () => {
  it("holds the 1,026 characters of the 2020 table, each once, with the official count per grade", () => {
    const counts = Object.values(KYOIKU_KANJI_BY_GRADE).map((s) => [...s].length);
    expect(counts).toEqual([80, 160, 200, 202, 193, 191]);
    const all = Object.values(KYOIKU_KANJI_BY_GRADE).join("");
    expect(new Set(all).size).toBe(1026);
  });

  it("puts the 2020 moves where they belong (prefecture names in grade 4; 胃 and 腸 in grade 6)", () => {
    expect([kyoikuGrade("山"), kyoikuGrade("駅"), kyoikuGrade("埼"), kyoikuGrade("賀"), kyoikuGrade("胃"), kyoikuGrade("鶴")]).toEqual([1, 3, 4, 4, 6, null]);
  });
});

describe("checkEasyJapanese", () => {
  // Real sentences of the kind organisers write, one hint kind each, with the words the hint must point at.
  const cases: [string, EasyHintKind, string, string | undefined][] = [
    [
      "この食堂は毎週土曜日に子どもと大人が一緒にご飯を食べることができる場所で地域の人たちが作っています。",
      EASY_HINT.longSentence,
      "この食堂は毎週土曜日に子どもと大人が一緒にご飯を…",
      undefined,
    ],
    ["当日は受付にいらっしゃいます。", EASY_HINT.honorific, "いらっしゃい", "います／来ます"],
    ["担当者が会場でお待ちしております。", EASY_HINT.honorific, "おります", "います"],
    ["お昼ご飯は会場にございます。", EASY_HINT.honorific, "ございます", "あります／です"],
    ["電話でご連絡ください。", EASY_HINT.honorific, "ご連絡ください", "〜てください"],
    ["質問は受付で伺います。", EASY_HINT.honorific, "伺い", "聞きます／行きます"],
    ["名前を書いていただきます。", EASY_HINT.honorific, "いただき", "もらいます／〜てください"],
    ["雨でも中止しないことはないです。", EASY_HINT.doubleNegative, "ないことはない", "〜ます（はっきり書きます）"],
    ["車で来られなくはないです。", EASY_HINT.doubleNegative, "なくはない", "〜ます（はっきり書きます）"],
    ["申し込みが必要ないわけではありません。", EASY_HINT.doubleNegative, "ないわけではありません", "〜ます（はっきり書きます）"],
    ["受付は 午前10時〜午前11時。", EASY_HINT.range, "午前10時〜午前11時", "〇〇から 〇〇まで"],
    ["社協の車で行きます。", EASY_HINT.abbreviation, "社協", "社会福祉協議会"],
    ["コンビニの前に集まります。", EASY_HINT.abbreviation, "コンビニ", "コンビニエンスストア"],
    ["NPOの人が話します。", EASY_HINT.abbreviation, "NPO", "ボランティアなどを する 団体（エヌピーオー）"],
    ["スマホで見ます。", EASY_HINT.abbreviation, "スマホ", "スマートフォン（けいたい電話）"],
    ["あしたはオリエンテーションです。", EASY_HINT.loanword, "オリエンテーション", "説明の 会"],
    ["ここはフードパントリーです。", EASY_HINT.loanword, "フードパントリー", "食べ物を 無料で 渡す 場所"],
    ["インターンシッププログラムです。", EASY_HINT.loanword, "インターンシッププログラム", undefined],
    ["ボランティア保険に入ります。", EASY_HINT.hardKanji, "保険", "保・険"],
    ["十二月に会います。", EASY_HINT.kanjiNumeral, "十二月", "12月"],
    ["14:00に会います。", EASY_HINT.clockTime, "14:00", "午後2時"],
    ["10時半に来てください。", EASY_HINT.clockTime, "10時半", "午前10時半"],
    ["令和8年に始まります。", EASY_HINT.era, "令和8年", "2026年（令和8年）"],
    ["ｶﾚｰを食べます。", EASY_HINT.halfwidth, "ｶﾚｰ", "カレー"],
  ];

  it.each(cases)("%s → %s", (text, kind, excerpt, suggestion) => {
    const hints = checkEasyJapanese(text).filter((h) => h.kind === kind);
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ excerpt, position: text.indexOf(excerpt.replace(/…$/, "")) });
    expect(hints[0]!.suggestion).toBe(suggestion);
  });

  it("finds no hint in good やさしい日本語", () => {
    const good = [
      "あしたは 午前10時から 午後3時まで です。",
      "場所は 市の 会館の 2階です。",
      "お金は いりません。",
      "だれでも 来ることが できます。",
      "もうしこみを してください。",
      "市役所の 近くに あります。",
      "ボランティアを したい 人は 電話を してください。",
      "電話番号は 049-271-0000 です。",
      "QRコードを 読んで ください。",
      "1時間ぐらい かかります。",
      "2026年12月5日（土曜日）です。",
      "住所(じゅうしょ)を 書いてください。",
      "子ども食堂(こどもしょくどう)は 毎月 第2土曜日に あります。",
      "デイサービスの 車で 行きます。",
      "十分 あります。",
      "一人でも 来ることが できます。",
      "",
    ];
    for (const text of good) expect({ text, hints: checkEasyJapanese(text) }).toEqual({ text, hints: [] });
  });

  it("counts every hint of a text that breaks several rules, in reading order", () => {
    const text = "社協のスタッフが14時〜16時まで会場でお待ちしております。";
    expect(kinds(text)).toEqual([EASY_HINT.abbreviation, EASY_HINT.clockTime, EASY_HINT.range, EASY_HINT.clockTime, EASY_HINT.honorific]);
  });

  it("leaves 申し込み (the plain word for applying) alone as an honorific, but still asks for a reading of 込", () => {
    expect(kinds("申し込みを してください。")).toEqual([EASY_HINT.hardKanji]);
  });

  it("counts readings in brackets as help, not as length", () => {
    const short = "申込書(もうしこみしょ)を 受付(うけつけ)に 出して ください。";
    expect(kinds(short)).toEqual([]);
  });
});
