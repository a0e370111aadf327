import { describe, expect, it } from "vitest";
import { localeForTag, negotiateLocale } from "./negotiate";

// The browser's languages choose the page's language when the visitor has not chosen one.
describe("Accept-Language matching across the nine locales", () => {
  it.each([
    [null, "ja"],
    ["", "ja"],
    ["ja", "ja"],
    ["ja-JP,ja;q=0.9,en;q=0.8", "ja"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB", "en"],
    ["vi, en;q=0.8", "vi"],
    ["vi-VN", "vi"],
    ["zh-CN,zh;q=0.9", "zh-Hans"],
    ["zh", "zh-Hans"],
    ["zh-Hans-CN", "zh-Hans"],
    ["zh-SG", "zh-Hans"],
    ["zh-TW,en;q=0.5", "en"],
    ["zh-Hant-HK, ja;q=0.3", "ja"],
    ["ko-KR,ko;q=0.9", "ko"],
    ["fil", "tl"],
    ["fil-PH,en;q=0.7", "tl"],
    ["tl", "tl"],
    ["ne-NP", "ne"],
    ["pt", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["pt-BR,pt;q=0.9,en;q=0.5", "pt-BR"],
    ["en;q=0.5, vi;q=0.9", "vi"],
    ["de-DE, fr;q=0.9, ko;q=0.1", "ko"],
    ["de, fr", "ja"],
    ["vi;q=0, en", "en"],
    ["*", "ja"],
    ["en;q=abc, ko", "ko"],
    ["EN-us", "en"],
    ["pt_BR", "pt-BR"],
  ] as const)("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("keeps the header's order when q-values tie", () => {
    expect(negotiateLocale("ko, vi")).toBe("ko");
    expect(negotiateLocale("vi;q=0.8, ko;q=0.8")).toBe("vi");
  });

  it("reads easy Japanese only by its own tag", () => {
    expect(localeForTag("ja-x-easy")).toBe("ja-x-easy");
    expect(localeForTag("ja-JP")).toBe("ja");
    expect(localeForTag("xx")).toBeNull();
    expect(localeForTag("")).toBeNull();
  });

  it("gives a huge header no more work than its first 32 entries", () => {
    const header = [...Array.from({ length: 5000 }, (_, i) => `x${i}`), "vi"].join(",");
    expect(negotiateLocale(header)).toBe("ja");
  });
});
