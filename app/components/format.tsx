import { useTranslation } from "react-i18next";
import { formatDay, formatRange, toTokyoIso } from "~/utils/date-format";
import { describeFee, type Fee as FeeValue } from "~/modules/fees/fee";

/** A <time> with Tokyo wall-clock text and a machine-readable +09:00 value. */
export function When({ startsAt, endsAt, long = false }: { startsAt: string; endsAt?: string | null; long?: boolean }) {
  const { i18n } = useTranslation();
  const start = new Date(startsAt);
  const end = endsAt ? new Date(endsAt) : null;
  const text = formatRange(start, end, i18n.language, { long });
  return <time dateTime={toTokyoIso(start)}>{text}</time>;
}

export function DayLabel({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const d = new Date(at);
  return <time dateTime={toTokyoIso(d).slice(0, 10)}>{formatDay(d, i18n.language)}</time>;
}

/** The one way a fee is shown (fees/fee.ts words it): the card, the detail page and the organiser's preview. */
export function Fee({ fee }: { fee: FeeValue }) {
  const { t, i18n } = useTranslation();
  return <>{describeFee(fee, t, i18n.language)}</>;
}

export function Languages({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return <>{codes.map((c) => t(`language.${c}`, { defaultValue: c })).join(t("list.separator"))}</>;
}
