import { describe, expect, it } from "vitest";
import { alignReading, parseRuby, stripRuby } from "./markup";

describe("placing a reading over the kanji of a word", () => {
  it("keeps okurigana as written and reads each run of kanji", () => {
    expect(alignReading("読み方", "よみかた")).toBe("｜読《よ》み｜方《かた》");
    expect(alignReading("申し込み", "もうしこみ")).toBe("｜申《もう》し｜込《こ》み");
    expect(alignReading("居場所", "いばしょ")).toBe("｜居場所《いばしょ》");
  });

  it("compares katakana and hiragana alike, and keeps ヶ with the kanji of a place name", () => {
    expect(alignReading("ふれあいサロン脚折", "フレアイサロンスネオリ")).toBe("ふれあいサロン｜脚折《すねおり》");
    expect(alignReading("太田ヶ谷", "おおたがや")).toBe("｜太田ヶ谷《おおたがや》");
  });

  it("refuses a reading that does not fit the written kana", () => {
    expect(alignReading("読み方", "よむかた")).toBeNull();
  });

  it("leaves text without kanji alone", () => {
    expect(alignReading("サロン 10:00", "さろん")).toBe("サロン 10:00");
  });
});

describe("reading markup back", () => {
  it("gives plain text and ruby segments in order, and the plain text alone", () => {
    const markup = "毎月｜第《だい》2｜水曜日《すいようび》、Cafe です";
    expect(parseRuby(markup)).toEqual(["毎月", { base: "第", reading: "だい" }, "2", { base: "水曜日", reading: "すいようび" }, "、Cafe です"]);
    expect(stripRuby(markup)).toBe("毎月第2水曜日、Cafe です");
  });
});
