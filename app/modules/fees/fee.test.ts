import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { readNamespace } from "~/modules/i18n/i18next.server";
import { reviewedChanges } from "~/modules/publishing/edit-policy";
import { describeFee, feeColumns, feeJsonLd, kindOfAmount, type Fee } from "./fee";

const instance = i18next.createInstance();
await instance.init({
  lng: "ja",
  resources: { ja: { listing: readNamespace("ja", "listing") }, en: { listing: readNamespace("en", "listing") } },
  defaultNS: "listing",
  interpolation: { escapeValue: false },
});
const ja = instance.getFixedT("ja");
const en = instance.getFixedT("en");

const fee = (kind: Fee["kind"], amount: number | null, freeFor = ""): Fee => ({ kind, amount, freeFor });

describe("describeFee: one wording for every fee", () => {
  it.each([
    [fee("free", 0), "無料", "Free"],
    [fee("paid", 1500), "1,500円", "¥1,500"],
    [fee("partlyFree", 300, "children"), "子ども無料・大人300円", "Free for children, adults ¥300"],
    [fee("partlyFree", 500, "firstVisit"), "初回無料・2回目から500円", "First visit free, then ¥500"],
    [fee("partlyFree", 200, ""), "一部無料・200円", "Partly free, ¥200"],
    [fee("unknown", null), "お問い合わせください", "Please ask"],
  ])("%o → %s / %s", (value, jaText, enText) => {
    expect(describeFee(value, ja, "ja")).toBe(jaText);
    expect(describeFee(value, en, "en")).toBe(enText);
  });
});

describe("feeJsonLd", () => {
  it("free only when nobody pays; partly free has an offer per price", () => {
    expect(feeJsonLd(fee("free", 0), "無料")).toEqual({ isAccessibleForFree: true });
    expect(feeJsonLd(fee("paid", 300), "300円")).toEqual({ isAccessibleForFree: false, offers: [{ "@type": "Offer", price: 300, priceCurrency: "JPY", description: "300円" }] });
    const partly = feeJsonLd(fee("partlyFree", 300, "children"), "子ども無料・大人300円");
    expect(partly.isAccessibleForFree).toBe(false);
    expect(partly.offers?.map((o) => o.price)).toEqual([300, 0]);
    expect(feeJsonLd(fee("unknown", null), "")).toEqual({});
  });
});

describe("feeColumns and the backfill rule", () => {
  it("free stores 0, unknown nothing, paid has no one let off; a bare amount keeps its old meaning", () => {
    expect(feeColumns({ feeKind: "free", fee: 300, feeFreeFor: "children" })).toEqual({ feeKind: "free", fee: 0, feeFreeFor: "" });
    expect(feeColumns({ feeKind: "unknown", fee: 300 })).toEqual({ feeKind: "unknown", fee: null, feeFreeFor: "" });
    expect(feeColumns({ feeKind: "paid", fee: 300, feeFreeFor: "children" })).toEqual({ feeKind: "paid", fee: 300, feeFreeFor: "" });
    expect(feeColumns({ feeKind: "partlyFree", fee: 300, feeFreeFor: "children" })).toEqual({ feeKind: "partlyFree", fee: 300, feeFreeFor: "children" });
    expect([kindOfAmount(0), kindOfAmount(100), kindOfAmount(null)]).toEqual(["free", "paid", "unknown"]);
  });

  it("the fee kind and who goes free are reviewed fields: changing them on a published item waits for staff", () => {
    const before = { feeKind: "free", fee: 0, feeFreeFor: "" };
    expect(reviewedChanges("place", before, { feeKind: "partlyFree", fee: 0, feeFreeFor: "" }).map((c) => c.field)).toEqual(["fee"]);
    expect(reviewedChanges("event", { ...before, feeKind: "partlyFree", fee: 300 }, { feeKind: "partlyFree", fee: 300, feeFreeFor: "children" }).map((c) => c.field)).toEqual(["fee"]);
    expect(reviewedChanges("place", before, { ...before })).toEqual([]);
  });
});
