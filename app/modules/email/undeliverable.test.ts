import { describe, expect, it } from "vitest";
import { isUndeliverableAddress, shownAddress } from "./undeliverable";

describe("placeholder addresses (RFC 2606 .invalid)", () => {
  it("recognises every address under the reserved top-level domain, whatever its case or a trailing dot", () => {
    for (const address of ["proxy-0a1b@resident.invalid", "a@INVALID", "x@Resident.Invalid.", "b@sub.example.invalid"]) {
      expect(isUndeliverableAddress(address), address).toBe(true);
    }
  });

  it("leaves real addresses alone, including ones that only contain the word", () => {
    for (const address of ["hanako@example.jp", "invalid@example.jp", "a@invalid.example.jp", "a@example.invalidx", "no-at-sign"]) {
      expect(isUndeliverableAddress(address), address).toBe(false);
    }
  });

  it("is never shown as the person's address", () => {
    expect(shownAddress("proxy-0a1b@resident.invalid")).toBeNull();
    expect(shownAddress("")).toBeNull();
    expect(shownAddress("hanako@example.jp")).toBe("hanako@example.jp");
  });
});
