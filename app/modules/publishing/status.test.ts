import { describe, expect, it } from "vitest";
import { GROUP_STATUS, ITEM_STATUS, isPublic, publicOrNull, publicSql } from "./visibility";
import { GROUP_TRANSITIONS, ITEM_TRANSITIONS, ORGANISER_ITEM_TRANSITIONS, canArchive, canSubmit, canWithdraw, isOrganiserItemTransition } from "./status";

describe("the lifecycle table", () => {
  it("names only known statuses, and no step leads to where it starts", () => {
    const items = Object.values(ITEM_STATUS) as string[];
    for (const [step, { from, to }] of Object.entries(ITEM_TRANSITIONS)) {
      expect(items, step).toContain(to);
      for (const s of from) expect(items, step).toContain(s);
      expect(from as readonly string[], step).not.toContain(to);
    }
    const groups = Object.values(GROUP_STATUS) as string[];
    for (const [step, { from, to }] of Object.entries(GROUP_TRANSITIONS)) {
      expect(groups, step).toContain(to);
      for (const s of from) expect(groups, step).toContain(s);
    }
  });

  it("offers the organiser's buttons from the same table the steps check", () => {
    expect(["draft", "archived", "rejected"].filter(canSubmit)).toEqual(["draft", "archived", "rejected"]);
    expect(["pending", "published", "hidden", "closed"].some(canSubmit)).toBe(false);
    expect(Object.values(ITEM_STATUS).filter(canArchive).sort()).toEqual(["closed", "draft", "pending", "published", "rejected"]);
    expect(Object.values(ITEM_STATUS).filter(canWithdraw)).toEqual(["pending"]);
  });

  it("leaves publishing, rejecting and hiding to staff", () => {
    expect([...ORGANISER_ITEM_TRANSITIONS].sort()).toEqual(["archive", "submit", "withdraw"]);
    for (const step of ["publish", "reject", "hide", "unhide"]) expect(isOrganiserItemTransition(step)).toBe(false);
  });
});

describe("what public means for rows already read", () => {
  it("needs both a published item and an approved group", () => {
    expect(isPublic({ status: "published", group: { status: "approved" } })).toBe(true);
    expect(isPublic({ status: "published", group: { status: "suspended" } })).toBe(false);
    expect(isPublic({ status: "hidden", group: { status: "approved" } })).toBe(false);
    expect(isPublic({ status: "published", group: null })).toBe(false);
    expect(publicOrNull(null)).toBeNull();
  });

  it("says the same in SQL, for the plain queries", () => {
    expect(publicSql("p", "g")).toBe(`p."status" = 'published' AND g."status" = 'approved'`);
  });
});
