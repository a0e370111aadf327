import { describe, expect, it } from "vitest";
import { normalizePostalCode } from "./proxy-schemas";

describe("postal codes as staff type them", () => {
  it("folds full-width digits, the 〒 mark and dash look-alikes into 123-4567", () => {
    expect(normalizePostalCode("〒３５０‐２２１１")).toBe("350-2211");
    expect(normalizePostalCode("3502211")).toBe("350-2211");
    expect(normalizePostalCode(" 350ー2211 ")).toBe("350-2211");
  });

  it("leaves anything else as typed, for the form to refuse", () => {
    expect(normalizePostalCode("123-456")).toBe("123-456");
  });
});
