import { describe, expect, it } from "vitest";
import { AREAS } from "../../../prisma/seed-data";
import { findAreasForTown, normalizeTownInput, schoolDistrictNames, townNames } from "./towns";

const areas = AREAS.map((a) => ({ slug: a.slug, name: a.name, towns: a.towns, schoolDistrict: a.schoolDistrict }));
const slugs = (input: string) => {
  const match = findAreasForTown(input, areas);
  return match.kind === "found" ? match.areas.map((a) => `${a.slug}${a.partial ? "(一部)" : ""}`) : "unknown";
};

describe("町名 → area", () => {
  it.each([
    ["脚折町", ["suneori"]],
    ["富士見", ["fujimi"]],
    ["富士見3丁目", ["fujimi"]],
    ["富士見３－５－１", ["fujimi"]],
    ["鶴ヶ島市脚折町2丁目", ["suneori"]],
    ["鶴ケ丘", ["tsurugashima-daini"]],
    [" 太田ヶ谷 ", ["southern"]],
    ["脚折", ["chuo(一部)", "suneori(一部)"]],
    ["上広谷", ["tsurugashima-daini(一部)", "sugishita(一部)", "chuo(一部)"]],
    ["羽折町", ["kita"]],
    ["栄小学校区", ["fujimi"]],
    ["杉下小", ["sugishita"]],
    ["鶴ヶ島第一小学校", ["chuo", "suneori(一部)"]],
    ["すねおり", ["suneori"]],
    ["富士見地区", ["fujimi"]],
    ["存在しない町", "unknown"],
    ["Tokyo", "unknown"],
  ] as const)("%s → %j", (input, expected) => {
    expect(slugs(input)).toEqual(expected);
  });

  it("says which name it understood", () => {
    expect(findAreasForTown("鶴ヶ島市脚折町2丁目", areas)).toMatchObject({ kind: "found", town: "脚折町" });
    expect(findAreasForTown("ｱｲｳ", areas)).toEqual({ kind: "unknown", town: "アイウ" });
  });

  it("folds full-width characters and ケ/が spellings", () => {
    expect(normalizeTownInput("鶴ヶ島市　鶴が丘")).toBe("鶴ヶ丘");
  });

  it("offers every 町名 once, 丁目 folded, and the school districts", () => {
    const names = townNames(areas);
    expect(names).toContain("脚折町");
    expect(names).toContain("脚折");
    expect(names).toContain("富士見");
    expect(names.filter((n) => n === "上広谷")).toHaveLength(1);
    expect(names.some((n) => n.includes("丁目") || n.includes("一部"))).toBe(false);
    expect(schoolDistrictNames(areas)).toContain("栄小学校区");
  });
});
