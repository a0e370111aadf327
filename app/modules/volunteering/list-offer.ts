import type { ListOffer } from "~/modules/listing/constants";

/** The filters and sort orders the list of ボランティア募集 (openings) offers (a new filter of this list is added here and in listing/). */
export const OPENING_LIST = {
  fields: ["area", "category", "mode", "language", "day", "time", "dates", "beginner", "available", "online"],
  // Soonest shift first: an opening is a date to keep, like an event (ongoing ones, with no date, after them).
  sorts: ["soonest", "newest", "name"],
} as const satisfies ListOffer;
