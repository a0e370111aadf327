import type { ListOffer } from "~/modules/listing/constants";

/** The filters and sort orders the list of ボランティア募集 (openings) offers (a new filter of this list is added here and in listing/). */
export const OPENING_LIST = {
  fields: ["area", "category", "mode", "language", "day", "time", "dates", "beginner", "available", "online"],
  sorts: [],
} as const satisfies ListOffer;
