import type { TFunction } from "i18next";
import { formatNumber } from "~/utils/date-format";

// What a visit to a place or an event costs, in one model and one wording. A bare amount could not say
// 「子ども無料・大人300円」 (it was stored as 0 and shown as 無料), so a fee is a kind, the amount the paying
// visitors pay, and — when partly free — who does not pay. Cards, detail pages, JSON-LD, open data, the staff
// review and calendar files all word it through describeFee, so a fee reads the same everywhere.

export const FEE_KIND = { free: "free", paid: "paid", partlyFree: "partlyFree", unknown: "unknown" } as const;
export const FEE_KINDS = [FEE_KIND.free, FEE_KIND.paid, FEE_KIND.partlyFree, FEE_KIND.unknown] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** Who does not pay when partly free; each has its own whole phrase (「子ども無料・大人300円」, 「初回無料・2回目から…」). */
export const FEE_FREE_FOR = ["children", "students", "seniors", "members", "firstVisit"] as const;
export type FeeFreeFor = (typeof FEE_FREE_FOR)[number];

export type Fee = { kind: FeeKind; amount: number | null; freeFor: string };

export const isFeeKind = (v: unknown): v is FeeKind => typeof v === "string" && (FEE_KINDS as readonly string[]).includes(v);
const isFreeFor = (v: unknown): v is FeeFreeFor => typeof v === "string" && (FEE_FREE_FOR as readonly string[]).includes(v);

/** The fee of a stored row (its feeKind, fee and feeFreeFor columns). */
export function feeOf(row: { feeKind: string; fee: number | null; feeFreeFor: string }): Fee {
  return { kind: isFeeKind(row.feeKind) ? row.feeKind : FEE_KIND.unknown, amount: row.fee, freeFor: row.feeFreeFor };
}

/** The kind a bare amount meant before fees had kinds (and in the migration's backfill): 0 free, more paid. */
export function kindOfAmount(amount: number | null): FeeKind {
  return amount === null ? FEE_KIND.unknown : amount === 0 ? FEE_KIND.free : FEE_KIND.paid;
}

/**
 * The columns a form's fee saves. Free stores 0 and unknown stores nothing, whatever amount was typed; a paid fee
 * has no one who is let off.
 */
export function feeColumns(input: { feeKind?: FeeKind; fee: number | null; feeFreeFor?: string }) {
  const kind = input.feeKind ?? kindOfAmount(input.fee);
  return {
    feeKind: kind,
    fee: kind === FEE_KIND.free ? 0 : kind === FEE_KIND.unknown ? null : input.fee,
    feeFreeFor: kind === FEE_KIND.partlyFree && isFreeFor(input.feeFreeFor) ? input.feeFreeFor : "",
  };
}

/** Prisma `where` for the 「無料」 filter: free for everyone, so a partly free place is not matched. */
export const freeForEveryoneWhere = { feeKind: FEE_KIND.free } as const;

/** The fee in words (listing namespace, fee.*): 「無料」「300円」「子ども無料・大人300円」「お問い合わせください」. */
export function describeFee(fee: Fee, t: TFunction, locale: string): string {
  const amount = fee.amount === null ? "" : formatNumber(fee.amount, locale);
  switch (fee.kind) {
    case FEE_KIND.free:
      return t("fee.free");
    case FEE_KIND.paid:
      return fee.amount === null ? t("fee.ask") : t("fee.yen", { amount });
    case FEE_KIND.partlyFree:
      if (fee.amount === null) return t("fee.partlyFree");
      return isFreeFor(fee.freeFor) ? t(`fee.freeFor.${fee.freeFor}`, { amount }) : t("fee.partlyFreeYen", { amount });
    default:
      return t("fee.ask");
  }
}

/**
 * schema.org words for the fee: isAccessibleForFree only when nobody pays (true) or everybody does (false), and an
 * offer per price, so a search engine does not advertise a partly free place as free.
 */
export function feeJsonLd(fee: Fee, text: string) {
  if (fee.kind === FEE_KIND.free) return { isAccessibleForFree: true };
  if (fee.kind === FEE_KIND.unknown || fee.amount === null) return {};
  const paid = { "@type": "Offer", price: fee.amount, priceCurrency: "JPY", description: text };
  if (fee.kind === FEE_KIND.paid) return { isAccessibleForFree: false, offers: [paid] };
  return { isAccessibleForFree: false, offers: [paid, { "@type": "Offer", price: 0, priceCurrency: "JPY", description: text }] };
}
