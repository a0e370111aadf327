import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRange, fromTokyo, parseTokyoDate, startOfTokyoWeek, tokyoDateKey, toTokyoIso, formatJapaneseEra } from "./dates";

// Residents read Tokyo time whatever zone the server is in: run these under a zone 17 hours away.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/Los_Angeles";
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe("dates in Asia/Tokyo", () => {
  it("shows 2025-04-01 00:30 JST as 4月1日 even when the server runs in Los Angeles", () => {
    const at = fromTokyo(2025, 4, 1, 0, 30);
    expect(at.toISOString()).toBe("2025-03-31T15:30:00.000Z");
    expect(tokyoDateKey(at)).toBe("2025-04-01");
    expect(formatRange(at, fromTokyo(2025, 4, 1, 2, 0), "ja")).toBe("4月1日(火) 00:30〜02:00");
  });

  it("reads a date-only value as Tokyo midnight, not UTC midnight", () => {
    expect(parseTokyoDate("2025-04-01")?.toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(parseTokyoDate("２０２５-０４-０１")?.toISOString()).toBe("2025-03-31T15:00:00.000Z");
  });

  it.each(["2025-02-29", "2025-02-30", "2025-13-01", "2025-4-1", "", "tomorrow"])("rejects the impossible date %j", (value) => {
    expect(parseTokyoDate(value)).toBeNull();
  });

  it("starts the week on Monday in Tokyo", () => {
    // Sunday 2026-11-29 23:00 JST belongs to the week starting Monday 2026-11-23.
    expect(tokyoDateKey(startOfTokyoWeek(fromTokyo(2026, 11, 29, 23, 0)))).toBe("2026-11-23");
    expect(tokyoDateKey(startOfTokyoWeek(fromTokyo(2026, 11, 30, 0, 5)))).toBe("2026-11-30");
  });

  it("formats English with an en dash and spans across days", () => {
    expect(formatRange(fromTokyo(2026, 12, 3, 10), fromTokyo(2026, 12, 3, 12), "en")).toBe("Thu, Dec 3 10:00–12:00");
    expect(formatRange(fromTokyo(2026, 12, 31, 22), fromTokyo(2027, 1, 1, 1), "ja")).toBe("12月31日(木) 22:00 〜 1月1日(金) 01:00");
  });

  // One formatter for every start–end a resident reads: cards, detail pages, emails, feeds, calendar links.
  describe("formatRange", () => {
    const sameDay = [fromTokyo(2026, 12, 3, 9), fromTokyo(2026, 12, 3, 17)] as const;
    const multiDay = [fromTokyo(2026, 12, 3, 9), fromTokyo(2026, 12, 30, 17)] as const;
    const overnight = [fromTokyo(2026, 12, 5, 22), fromTokyo(2026, 12, 6, 6)] as const;
    it.each([
      ["same day", sameDay, "ja", false, "12月3日(木) 09:00〜17:00"],
      ["same day", sameDay, "en", false, "Thu, Dec 3 09:00–17:00"],
      ["same day, long", sameDay, "ja", true, "2026年12月3日(木) 09:00〜17:00"],
      ["same day, long", sameDay, "en", true, "Thu, December 3, 2026 09:00–17:00"],
      ["multi-day", multiDay, "ja", false, "12月3日(木) 09:00 〜 12月30日(水) 17:00"],
      ["multi-day", multiDay, "en", false, "Thu, Dec 3 09:00 – Wed, Dec 30 17:00"],
      ["multi-day, long (detail page)", multiDay, "ja", true, "2026年12月3日(木) 09:00 〜 2026年12月30日(水) 17:00"],
      ["multi-day, long (detail page)", multiDay, "en", true, "Thu, December 3, 2026 09:00 – Wed, December 30, 2026 17:00"],
      ["overnight", overnight, "ja", false, "12月5日(土) 22:00 〜 12月6日(日) 06:00"],
      ["overnight", overnight, "en", false, "Sat, Dec 5 22:00 – Sun, Dec 6 06:00"],
      ["overnight, long", overnight, "ja", true, "2026年12月5日(土) 22:00 〜 2026年12月6日(日) 06:00"],
    ] as const)("%s (%s, %s, long=%s)", (_label, [start, end], locale, long, expected) => {
      expect(formatRange(start, end, locale, { long })).toBe(expected);
    });

    // The browser writes the hour after midnight as 00; the server must too, in every language, or hydration fails.
    it.each(["en", "ja", "ko", "tl", "zh", "vi", "pt", "es"])("writes the hour after midnight as 00, not 24 (%s)", (locale) => {
      const text = formatRange(fromTokyo(2026, 12, 3, 0, 5), fromTokyo(2026, 12, 3, 1, 30), locale);
      expect(text).toMatch(/00:05/);
      expect(text).not.toMatch(/24:05/);
    });

    it("writes easy Japanese with 午前/午後 and から/まで instead of 〜", () => {
      expect(formatRange(...sameDay, "ja-x-easy")).toBe("12月3日(木) 午前9:00から午後5:00まで");
      expect(formatRange(...multiDay, "ja-x-easy")).toBe("12月3日(木) 午前9:00から 12月30日(水) 午後5:00まで");
      expect(formatRange(fromTokyo(2026, 12, 3, 0, 5), null, "ja-x-easy")).toBe("12月3日(木) 午前0:05から");
      expect(formatRange(fromTokyo(2026, 12, 3, 12, 30), fromTokyo(2026, 12, 3, 13), "ja-x-easy")).toBe("12月3日(木) 午後0:30から午後1:00まで");
    });

    // Chromium has no Nepali locale data, so Nepali dates are written by hand, identically in server and browser.
    it("writes Nepali dates from its own names, not from the runtime's locale data", () => {
      expect(formatRange(...sameDay, "ne")).toBe("डिसेम्बर 3, बिहि 09:00–17:00");
      expect(formatRange(...multiDay, "ne", { long: true })).toBe("2026 डिसेम्बर 3, बिहि 09:00 – 2026 डिसेम्बर 30, बुध 17:00");
    });

    it("leaves the end open when there is none", () => {
      expect(formatRange(sameDay[0], null, "ja")).toBe("12月3日(木) 09:00〜");
    });
  });

  it("gives ISO 8601 with the +09:00 offset and the Japanese era", () => {
    expect(toTokyoIso(fromTokyo(2026, 12, 3, 10, 5))).toBe("2026-12-03T10:05:00+09:00");
    expect(formatJapaneseEra(fromTokyo(2026, 12, 3))).toBe("令和8年");
  });
});
