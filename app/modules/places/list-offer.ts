import type { ListOffer } from "~/modules/listing/constants";

/**
 * The filters and sort orders the list of 居場所 (places) offers (a new filter of this list is added here and in listing/).
 * Name order (あいうえお順) is the default, not "open soonest": a 居場所 is somewhere to go back to every week or
 * month, so residents scan the list for one they know, as in the council's printed directory; the next open day
 * is already on every card. Name order also stays put from page to page, where "open soonest" reshuffles every
 * day and would need every matching place's schedule expanded on each request.
 */
export const PLACE_LIST = {
  fields: ["area", "type", "audience", "category", "language", "day", "time", "beginner", "free", "barrierFree"],
  sorts: ["name", "newest", "near"],
} as const satisfies ListOffer;
