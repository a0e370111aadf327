import { useTranslation } from "react-i18next";
import { formatDate, formatRange, formatTime, toTokyoIso } from "~/utils/dates";

// Small pieces of the staff pages about groups and people.

/** A moment in Tokyo time with its date and time (when a decision was taken, a consent given). */
export function Stamp({ at, withTime = true }: { at: string; withTime?: boolean }) {
  const { i18n } = useTranslation();
  const d = new Date(at);
  return <time dateTime={toTokyoIso(d)}>{withTime ? `${formatDate(d, i18n.language)} ${formatTime(d, i18n.language)}` : formatDate(d, i18n.language)}</time>;
}

/** A notice after a post/redirect/get (?done=…), announced to screen readers. */
export function DoneNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice--info" role="status">
      {message}
    </p>
  );
}

/** When a shift or event date takes place, in Tokyo time. */
export function Span({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const { i18n } = useTranslation();
  const start = new Date(startsAt);
  return <time dateTime={toTokyoIso(start)}>{formatRange(start, new Date(endsAt), i18n.language)}</time>;
}

/**
 * A data table that keeps its columns readable on a phone: below its minimum width it scrolls sideways inside this
 * region (focusable and named, so keyboard users can scroll it too) instead of squeezing every cell. A `narrow` table
 * (two short columns) fits a phone as it is.
 */
export function TableRegion({ label, narrow = false, children }: { label: string; narrow?: boolean; children: React.ReactNode }) {
  return (
    <div className={`data-table-wrap staff-table${narrow ? " staff-table--narrow" : ""}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
