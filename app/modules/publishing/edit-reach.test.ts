import { describe, expect, it } from "vitest";
import { reachOfEdit } from "./edit-reach";

const TEXT = new Set(["summary", "description", "lastConfirmedAt"]);
const before = { name: "わかば食堂", areaId: 3, summary: "毎月第2土曜", description: "", scheduleStart: new Date("2026-04-01T00:00:00Z"), categories: [{ id: 2 }, { id: 5 }], lastConfirmedAt: new Date("2026-11-01T00:00:00Z") };

describe("how far an edit reaches the cached pages", () => {
  it("is text when only words (and the confirmation date) changed", () => {
    const after = { ...before, summary: "毎月第2・第4土曜", scheduleStart: new Date("2026-04-01T00:00:00Z"), categories: [{ id: 5 }, { id: 2 }], lastConfirmedAt: new Date() };
    expect(reachOfEdit(before, after, TEXT)).toBe("text");
  });

  it("is content when anything a list filters or orders on changed: an area, a date, a category, a column it does not know", () => {
    expect(reachOfEdit(before, { ...before, areaId: 4 }, TEXT)).toBe("content");
    expect(reachOfEdit(before, { ...before, scheduleStart: new Date("2026-05-01T00:00:00Z") }, TEXT)).toBe("content");
    expect(reachOfEdit(before, { ...before, categories: [{ id: 2 }] }, TEXT)).toBe("content");
    expect(reachOfEdit(before, { ...before, beginnerFriendly: true }, TEXT)).toBe("content");
  });

  it("is content for a new item, and ignores columns the edit does not write", () => {
    expect(reachOfEdit(null, { summary: "新しい居場所" }, TEXT)).toBe("content");
    expect(reachOfEdit(before, { summary: "変更", areaId: undefined }, TEXT)).toBe("text");
    expect(reachOfEdit({ ...before, website: null }, { website: "https://wakaba.example.jp" }, TEXT)).toBe("content");
    // A form's empty field against a seeded null is no change.
    expect(reachOfEdit({ ...before, website: null }, { website: "" }, TEXT)).toBe("text");
  });
});
