import { describe, expect, it } from "vitest";
import { pageI18n } from "./i18next.server";

// The page translator keeps the answers of t() (i18next.server.ts): kept answers must be exactly i18next's own,
// for every language, set of namespaces, plural and interpolated value.
describe("the page translator's kept answers", () => {
  it("are i18next's answers, per language and value, asked twice", async () => {
    for (let round = 0; round < 2; round++) {
      const en = await pageI18n("en", ["common", "detail"]);
      const ja = await pageI18n("ja", ["common", "detail"]);
      expect(en.t("detail:detail.people", { count: 1 })).toBe("1 person");
      expect(en.t("detail:detail.people", { count: 3 })).toBe("3 people");
      expect(ja.t("detail:detail.people", { count: 3 })).toBe("3 名");
      expect(ja.t("footer.operatedBy", { council: "鶴ヶ島市社会福祉協議会" })).toBe("運営：鶴ヶ島市社会福祉協議会");
      expect(ja.t("footer.operatedBy", { council: "別の協議会" })).toBe("運営：別の協議会");
      expect(en.t("footer.operatedBy", { council: "Tsurugashima" })).toBe(en.t("footer.operatedBy", { council: "Tsurugashima" }));
    }
  });

  it("depend on the page's namespaces: a key outside them stays a key on that page", async () => {
    const withDetail = await pageI18n("en", ["common", "detail"]);
    const without = await pageI18n("en", ["common"]);
    expect(withDetail.t("detail.people", { count: 2 })).toBe("2 people");
    expect(without.t("detail.people", { count: 2, defaultValue: "—" })).toBe("—");
  });
});
