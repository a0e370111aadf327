import { describe, expect, it } from "vitest";
import { normalizeText, queryVariants, romanize, toHiragana, toKatakana } from "./normalize";

describe("Japanese-aware normalisation", () => {
  it("folds full-width, half-width kana and case", () => {
    expect(normalizeText("ＡＢＣ　ｶﾌｪ")).toBe("abc カフェ");
    expect(normalizeText("  Cafe\tTSURU ")).toBe("cafe tsuru");
  });

  it("turns control characters into word breaks and drops invisible format characters", () => {
    expect(normalizeText("a\u0000b")).toBe("a b");
    expect(normalizeText("こども\u0007\u001b食堂\u0085")).toBe("こども 食堂");
    expect(normalizeText("サ\u200bロ\u2060ン\ufeff")).toBe("サロン");
    expect(normalizeText("\u0000\u200b")).toBe("");
    expect(normalizeText("𠮷\ud842")).toBe("𠮷");
  });

  it("converts between hiragana and katakana", () => {
    expect(toHiragana("サロン")).toBe("さろん");
    expect(toKatakana("かふぇ")).toBe("カフェ");
  });

  it("tries the query as typed and in both kana scripts", () => {
    expect(queryVariants("ｻﾛﾝ")).toEqual(["サロン", "さろん"]);
    expect(queryVariants("   ")).toEqual([]);
  });
});

describe("romanize", () => {
  it.each([
    ["わかば", ["wakaba"]],
    ["こどもしょくどう", ["kodomoshokudou", "kodomoshokudo"]],
    ["つるがしま", ["tsurugashima"]],
    ["ふじみ", ["fujimi"]],
    ["きっさ", ["kissa"]],
    ["マッチャ", ["matcha"]],
    ["サロン", ["saron"]],
    ["とうきょう", ["toukyou", "tokyo"]],
  ])("%s → %j", (kana, expected) => {
    expect(romanize(kana)).toEqual(expected);
  });
});
