import { describe, expect, it } from "vitest";
import { activeFilterCount, parseListingFilters } from "./filters";

const parse = (qs: string) => parseListingFilters(new URL(`http://x/places?${qs}`));

describe("listing filters from GET parameters", () => {
  it("reads a shared URL", () => {
    expect(parse("area=fujimi&audience=children&beginner=1&free=on&page=2")).toMatchObject({
      area: "fujimi",
      audience: "children",
      beginner: true,
      free: true,
      barrierFree: false,
      page: 2,
    });
  });

  it.each([
    ["page=-1", 1],
    ["page=1e9", 1],
    ["page=abc", 1],
    ["page=２", 2],
    ["page=501", 1],
  ])("clamps a bad page %s to %i", (qs, page) => {
    expect(parse(qs).page).toBe(page);
  });

  it("drops values that are not slugs instead of passing them to the database", () => {
    const f = parse("area=' OR '1'='1&category=%25&audience=<script>&sort=user.passwordHash&where[email][contains]=@");
    expect(f.area).toBeUndefined();
    expect(f.category).toBeUndefined();
    expect(f.audience).toBeUndefined();
    expect(f.sort).toBeUndefined();
    expect(f).not.toHaveProperty("where");
  });

  it("takes only the first of repeated parameters", () => {
    const qs = Array.from({ length: 5000 }, (_, i) => `area=a${i}`).join("&");
    expect(parse(qs).area).toBe("a0");
  });

  it("counts active filters for the empty state", () => {
    expect(activeFilterCount(parse("page=3"))).toBe(0);
    expect(activeFilterCount(parse("area=kita&beginner=1"))).toBe(2);
  });
});
