import type { ListOffer } from "~/modules/listing/constants";

/** The filters and sort orders the list of 居場所 (places) offers (a new filter of this list is added here and in listing/). */
export const PLACE_LIST = {
  fields: ["area", "type", "audience", "category", "language", "day", "time", "beginner", "free", "barrierFree"],
  sorts: ["name", "newest", "near"],
} as const satisfies ListOffer;
