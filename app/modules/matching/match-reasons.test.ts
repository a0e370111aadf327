import fs from "node:fs";
import path from "node:path";
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { i18nConfig } from "~/modules/i18n/i18next.server";
import { reasonText, type ReasonNames } from "./match-reasons";
import type { Reason, ReasonCode } from "./types";

const load = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, `${ns}.json`), "utf8"));

beforeAll(async () => {
  const resources = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, { common: load(l, "common"), matching: load(l, "matching") }]));
  await i18next.init({ ...i18nConfig, lng: "ja", ns: ["common", "matching"], fallbackNS: ["matching"], resources });
});

const names: ReasonNames = {
  categories: [{ id: 1, name: "高齢者", lang: "ja" }],
  audiences: [{ id: 2, name: "こども", lang: "ja" }],
  areas: [{ id: 3, name: "富士見地区", lang: "ja" }],
};
const t = (lng: string) => i18next.getFixedT(lng) as TFunction;

const EVERY_REASON: Reason[] = [
  { code: "interest", values: { category: 1 } },
  { code: "skill", values: { skill: "運転" } },
  { code: "time", values: { weekday: 5, band: 0 } },
  { code: "own-area" },
  { code: "near", values: { area: 3 } },
  { code: "at-home" },
  { code: "online" },
  { code: "language", values: { language: "vi" } },
  { code: "audience", values: { audience: 2 } },
  { code: "beginner" },
  { code: "with-children" },
  { code: "one-off" },
  { code: "regular" },
  { code: "few-left", values: { count: 2 } },
  { code: "new" },
  { code: "like-before" },
  { code: "same-group" },
];

describe("reasonText", () => {
  it("says why in Japanese as a coordinator would", () => {
    const ja = t("ja");
    expect(reasonText(ja, { code: "time", values: { weekday: 5, band: 0 } }, names)).toBe("土曜の午前に参加できます");
    expect(reasonText(ja, { code: "own-area" }, names)).toBe("あなたの地区です");
    expect(reasonText(ja, { code: "audience", values: { audience: 2 } }, names)).toBe("こどもに関わる活動です");
    expect(reasonText(ja, { code: "skill", values: { skill: "運転" } }, names)).toBe("あなたの「運転」が生かせます");
    expect(reasonText(ja, { code: "language", values: { language: "vi" } }, names)).toBe("ベトナム語で参加できます");
    expect(reasonText(ja, { code: "near", values: { area: 3 } }, names)).toBe("となりの地区（富士見地区）です");
    expect(reasonText(ja, { code: "few-left", values: { count: 2 } }, names)).toBe("残り2人です");
  });

  it("and in the reader's language, with weekday, time of day and count in that language's words", () => {
    expect(reasonText(t("en"), { code: "time", values: { weekday: 5, band: 0 } }, names)).toBe("You're free on Saturday mornings");
    expect(reasonText(t("en"), { code: "few-left", values: { count: 1 } }, names)).toBe("Only 1 place left");
    expect(reasonText(t("en"), { code: "language", values: { language: "vi" } }, names)).toBe("You can take part in Vietnamese");
    expect(reasonText(t("vi"), { code: "time", values: { weekday: 2, band: 2 } }, names)).toBe("Bạn rảnh vào buổi tối thứ Tư");
    expect(reasonText(t("ja-x-easy"), { code: "time", values: { weekday: 5, band: 1 } }, names)).toBe("土曜日の午後に参加できます");
  });

  it("every reason reads as a finished sentence in all nine languages (no key, no empty placeholder)", () => {
    const codes = new Set<ReasonCode>(EVERY_REASON.map((r) => r.code));
    expect(codes.size).toBe(17);
    for (const lng of SUPPORTED_LOCALES) {
      for (const reason of EVERY_REASON) {
        const text = reasonText(t(lng), reason, names);
        expect(text, `${lng} ${reason.code}`).toBeTruthy();
        expect(text, `${lng} ${reason.code}`).not.toMatch(/matching\.|\{\{|undefined|NaN/);
      }
    }
  });

  it("leaves out a reason naming something the page does not know (a category removed since)", () => {
    expect(reasonText(t("ja"), { code: "interest", values: { category: 99 } }, names)).toBeNull();
    expect(reasonText(t("ja"), { code: "skill", values: {} }, names)).toBeNull();
  });
});
