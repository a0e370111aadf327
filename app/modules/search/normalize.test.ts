import { describe, expect, it } from "vitest";
import { normalizeText, queryVariants, toHiragana, toKatakana } from "./normalize";

describe("Japanese-aware normalisation", () => {
  it("folds full-width, half-width kana and case", () => {
    expect(normalizeText("ＡＢＣ　ｶﾌｪ")).toBe("abc カフェ");
    expect(normalizeText("  Cafe\tTSURU ")).toBe("cafe tsuru");
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
