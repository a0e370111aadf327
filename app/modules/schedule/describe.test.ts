import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18nConfig } from "~/modules/i18n/i18next.server";
import { describeSchedule, parseRule } from "./describe";

const load = (lng: string) => JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, "listing.json"), "utf8"));

beforeAll(async () => {
  await i18next.init({ ...i18nConfig, lng: "ja", resources: { ja: { listing: load("ja") }, en: { listing: load("en") } } });
});

describe("describeSchedule reads like the organiser's own words", () => {
  const biweekly = { rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", startTime: "10:00", endTime: "12:00", skipHolidays: true };

  it("in Japanese", () => {
    expect(describeSchedule(biweekly, i18next.getFixedT("ja"))).toBe("毎月 第2・第4 水曜日 10:00〜12:00（祝日は休み）");
    expect(describeSchedule({ rule: "FREQ=WEEKLY;BYDAY=SA", startTime: "09:00", endTime: "11:30", skipHolidays: false }, i18next.getFixedT("ja"))).toBe(
      "毎週 土曜日 09:00〜11:30",
    );
    expect(describeSchedule({ rule: "FREQ=MONTHLY;BYDAY=-1SU", startTime: "13:00", endTime: "15:00", skipHolidays: false }, i18next.getFixedT("ja"))).toBe(
      "毎月 最終 日曜日 13:00〜15:00",
    );
  });

  it("in English", () => {
    expect(describeSchedule(biweekly, i18next.getFixedT("en"))).toBe("2nd & 4th Wednesday of every month 10:00–12:00 (closed on public holidays)");
    expect(describeSchedule({ rule: "FREQ=WEEKLY;BYDAY=TU,TH", startTime: "10:00", endTime: "12:00", skipHolidays: false }, i18next.getFixedT("en"))).toBe(
      "Every Tuesday & Thursday 10:00–12:00",
    );
  });

  it("says 不定期 for patterns it cannot put in words, and nothing when there is no rule", () => {
    expect(describeSchedule({ rule: "FREQ=YEARLY;BYMONTH=8", startTime: "", endTime: "", skipHolidays: false }, i18next.getFixedT("ja"))).toBe("不定期");
    expect(describeSchedule({ rule: "", startTime: "10:00", endTime: "12:00", skipHolidays: false }, i18next.getFixedT("ja"))).toBe("");
  });

  it("parses nth weekdays", () => {
    expect(parseRule("FREQ=MONTHLY;BYDAY=1FR")).toEqual({ kind: "monthly-nth", days: [{ nth: 1, day: "FR" }] });
  });
});
