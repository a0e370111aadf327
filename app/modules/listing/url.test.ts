import { describe, expect, it } from "vitest";
import type { ListOffer } from "./constants";
import { addressSortedBy, addressWithout, cleanListAddress, effectiveSort, offeredSorts, withoutEmptyParams } from "./url";

const places: ListOffer = { fields: ["area"], sorts: ["name", "newest", "near"] };
const events: ListOffer = { fields: ["area"], sorts: ["soonest", "newest", "name"] };

describe("list addresses", () => {
  it("leaves empty parameters out and keeps the rest in order", () => {
    expect(withoutEmptyParams(new URLSearchParams("area=&town=脚折町&type=+&lng=en")).toString()).toBe("town=%E8%84%9A%E6%8A%98%E7%94%BA&lng=en");
    expect(cleanListAddress(new URL("http://x/places?area=&type=&beginner=1"))).toBe("/places?beginner=1");
    expect(cleanListAddress(new URL("http://x/events?area=&sort="))).toBe("/events");
    expect(cleanListAddress(new URL("http://x/events?area=kita"))).toBeNull();
    expect(cleanListAddress(new URL("http://x/events"))).toBeNull();
  });

  it("a chip's link is the same list without that filter, back on page 1", () => {
    expect(addressWithout("/places", "?town=脚折町&free=1&page=3", ["town"])).toBe("/places?free=1");
    expect(addressWithout("/places", "?area=kita", ["area"])).toBe("/places");
    expect(addressWithout("/search", "?q=サロン&area=kita&beginner=1", ["area", "beginner"])).toBe("/search?q=%E3%82%B5%E3%83%AD%E3%83%B3");
  });

  it("uses the asked order only when the list offers it", () => {
    expect(effectiveSort(events, {})).toBe("soonest");
    expect(effectiveSort(events, { sort: "name" })).toBe("name");
    expect(effectiveSort(events, { sort: "near", near: "kita" })).toBe("soonest");
    expect(effectiveSort(places, {})).toBe("name");
    expect(effectiveSort(places, { sort: "near" })).toBe("name");
    expect(effectiveSort(places, { near: "kita" })).toBe("near");
    expect(effectiveSort(places, { sort: "newest", near: "kita" })).toBe("newest");
  });

  it("offers distance only once there is an area to measure from", () => {
    expect(offeredSorts(places, undefined)).toEqual(["name", "newest"]);
    expect(offeredSorts(places, "kita")).toEqual(["name", "newest", "near"]);
  });

  it("a sort link names the order unless it is the default", () => {
    expect(addressSortedBy("/events", "?area=kita&page=2", events, "soonest")).toBe("/events?area=kita");
    expect(addressSortedBy("/events", "?area=kita&sort=soonest", events, "name")).toBe("/events?area=kita&sort=name");
    expect(addressSortedBy("/places", "?near=kita", places, "name")).toBe("/places?near=kita&sort=name");
    expect(addressSortedBy("/places", "?near=kita&sort=name", places, "near")).toBe("/places?near=kita");
  });
});
