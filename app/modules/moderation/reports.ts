import { z } from "zod";
import { PUBLIC_KINDS, type PublicKind } from "~/modules/publishing/visibility";
import { text } from "~/utils/text";

// Reports (通報): what a visitor may say about a public place, event or opening, and what staff decide. Shared by
// the server and the forms (no secrets here); the rule and the writes are in reports.server.ts.

/** The reasons a visitor picks from (the Report model's `reason`). */
export const REPORT_REASONS = ["spam", "inaccurate", "inappropriate", "privacy", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_STATUS = { open: "open", resolved: "resolved", dismissed: "dismissed" } as const;
export type ReportStatus = (typeof REPORT_STATUS)[keyof typeof REPORT_STATUS];

/** What the public sees of a reported item, for staff: public, hidden by the reports rule, hidden by staff, or otherwise not public. */
export type Visibility = "public" | "hiddenByReports" | "hidden" | "notPublic";

/** Decidim's rule: open reports from this many different people hide the item until staff decide. */
export const REPORTS_TO_HIDE = 3;

export const REPORT_DETAILS_MAX = 1000;
export const DECISION_NOTE_MAX = 1000;

/** What staff may decide on an item's open reports. */
export const REPORT_DECISIONS = ["dismiss", "act"] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

export function isReportKind(value: unknown): value is PublicKind {
  return (PUBLIC_KINDS as readonly unknown[]).includes(value);
}

export const ReportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: "report.errors.reason" }) }),
  details: text({ max: REPORT_DETAILS_MAX, multiline: true }),
});

export const ReportDecisionSchema = z.object({
  intent: z.enum(REPORT_DECISIONS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  note: text({ max: DECISION_NOTE_MAX, multiline: true, required: true }),
});



/** Where a visitor reports an item. */
export function reportPath(kind: PublicKind, id: number): string {
  return `/report/${kind}/${id}`;
}
