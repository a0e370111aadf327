import type { ListOffer } from "~/modules/listing/constants";

/** The filters and sort orders the list of 催し (events) offers (a new filter of this list is added here and in listing/). */
export const EVENT_LIST = {
  fields: ["area", "audience", "category", "language", "day", "time", "dates", "beginner", "free", "available", "online"],
  sorts: ["soonest", "newest", "name"],
} as const satisfies ListOffer;
