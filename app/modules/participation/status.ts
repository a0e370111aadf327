// The states of a resident's application to a shift and registration for an event date. Stored as plain strings
// (no database enums, see prisma/schema.prisma); the i18n keys participation.status.* use the same values.

export const APPLICATION_STATUS = {
  /** Waiting for the group to decide (openings that need approval). */
  applied: "applied",
  accepted: "accepted",
  waitlisted: "waitlisted",
  declined: "declined",
  withdrawn: "withdrawn",
  attended: "attended",
  noShow: "no-show",
} as const;
export type ApplicationStatus = (typeof APPLICATION_STATUS)[keyof typeof APPLICATION_STATUS];

export const REGISTRATION_STATUS = {
  accepted: "accepted",
  waitlisted: "waitlisted",
  withdrawn: "withdrawn",
  attended: "attended",
  noShow: "no-show",
} as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUS)[keyof typeof REGISTRATION_STATUS];

/** Still taking part or waiting to: what a resident may withdraw and who hears of a schedule change. */
export const LIVE_APPLICATION_STATUSES: readonly string[] = [APPLICATION_STATUS.applied, APPLICATION_STATUS.accepted, APPLICATION_STATUS.waitlisted];
export const LIVE_REGISTRATION_STATUSES: readonly string[] = [REGISTRATION_STATUS.accepted, REGISTRATION_STATUS.waitlisted];

/** What an organiser can still accept or decline. */
export const UNDECIDED_APPLICATION_STATUSES: readonly string[] = [APPLICATION_STATUS.applied, APPLICATION_STATUS.waitlisted];

/** Attendance is recorded (and corrected) for people who had a place. */
export const ATTENDANCE_STATUSES: readonly string[] = [APPLICATION_STATUS.accepted, APPLICATION_STATUS.attended, APPLICATION_STATUS.noShow];

/** Shown as "you have a place" rather than "waiting". */
export function holdsPlace(status: string): boolean {
  return status === APPLICATION_STATUS.accepted || status === APPLICATION_STATUS.attended;
}

// The states of the events and volunteering domains that participation relies on: which dates take registrations
// (a moved date keeps its registrations) and which shifts take applications.
export const DATE_STATUSES_OPEN_FOR_REGISTRATION: readonly string[] = ["scheduled", "moved"];
export const SHIFT_STATUS_OPEN = "open";
