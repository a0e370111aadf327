import type { TFunction } from "i18next";

// How to book a place marked 要予約, in one wording for the page (beside the next dates) and for the calendar
// file's description, so someone who adds a meeting to their calendar still has the number to call.

export type BookingDetails = { bookingRequired: boolean; bookingNote: string; contactName: string; contactPhone: string; contactEmail: string };

/** Plain-text lines (the .ics description and Google Calendar details); none when booking is not needed. */
export function bookingLines(place: BookingDetails, t: TFunction): string[] {
  if (!place.bookingRequired) return [];
  return [
    t("booking.required"),
    place.bookingNote,
    place.contactPhone ? `${t("booking.phone")}: ${place.contactPhone}${place.contactName ? ` (${place.contactName})` : ""}` : "",
    place.contactEmail ? `${t("booking.email")}: ${place.contactEmail}` : "",
  ].filter(Boolean);
}
