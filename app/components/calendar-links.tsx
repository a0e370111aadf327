import { useTranslation } from "react-i18next";
import { formatRange } from "~/utils/dates";

/** "Add to calendar" (.ics) and Google Calendar links for one date; the date is in each link's accessible name so a screen reader's link list tells them apart. */
export function CalendarLinks({ link, startsAt, endsAt }: { link: { ics: string; google: string } | undefined; startsAt: string; endsAt: string }) {
  const { t, i18n } = useTranslation();
  if (!link) return null;
  const date = formatRange(new Date(startsAt), new Date(endsAt), i18n.language);
  return (
    <span className="fact__sub">
      <a href={link.ics} aria-label={t("feeds.addToCalendarLabel", { date })}>
        {t("feeds.addToCalendar")}
      </a>
      {t("list.separator")}
      <a href={link.google} aria-label={t("feeds.googleCalendarLabel", { date })}>
        {t("feeds.googleCalendar")}
      </a>
    </span>
  );
}
