import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OccurrenceCard } from "~/modules/events/queries.server";
import { fromTokyo, formatDay, formatMonth, formatTime, tokyoDateKey, tokyoParts } from "~/utils/dates";
import { Text } from "~/components/text";

const MAX_PER_DAY = 3;

/**
 * A month of events as a table (weeks × Monday–Sunday), server-rendered and navigable with plain links.
 * Each day lists up to three events and links to that day's full list.
 */
export function MonthCalendar({ year, month, items, todayKey }: { year: number; month: number; items: OccurrenceCard[]; todayKey: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const byDay = new Map<string, OccurrenceCard[]>();
  for (const item of items) {
    const key = tokyoDateKey(new Date(item.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }
  const first = fromTokyo(year, month, 1);
  const lead = (tokyoParts(first).weekday + 6) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const key = (d: number) => `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const monthParam = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;
  const prev = month === 1 ? monthParam(year - 1, 12) : monthParam(year, month - 1);
  const next = month === 12 ? monthParam(year + 1, 1) : monthParam(year, month + 1);
  const withParams = (changes: Record<string, string>) => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    return `${location.pathname}?${params.toString()}`;
  };
  const dayHref = (d: number) => {
    const params = new URLSearchParams(location.search);
    params.delete("view");
    params.delete("month");
    params.set("from", key(d));
    params.set("to", key(d));
    return `${location.pathname}?${params.toString()}`;
  };
  const title = formatMonth(fromTokyo(year, month, 15), i18n.language);
  const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
  return (
    <div className="calendar">
      <nav className="calendar__nav" aria-label={t("calendar.nav")}>
        <Link to={withParams({ view: "month", month: prev })} className="button button--ghost">
          {t("calendar.prev")}
        </Link>
        <h2 className="calendar__title">{title}</h2>
        <Link to={withParams({ view: "month", month: next })} className="button button--ghost">
          {t("calendar.next")}
        </Link>
      </nav>
      <table className="calendar__table">
        <caption className="visually-hidden">{t("calendar.caption", { month: title })}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col" abbr={t(`weekday.${d}`)}>
                {t(`weekdayShort.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (day === null) return <td key={i} className="calendar__empty" />;
                const list = byDay.get(key(day)) ?? [];
                return (
                  <td key={i} className={key(day) === todayKey ? "calendar__today" : undefined}>
                    <span className="calendar__day">{day}</span>
                    {list.length ? (
                      <>
                        <ul className="calendar__events">
                          {list.slice(0, MAX_PER_DAY).map((e) => (
                            <li key={e.dateId} className={e.status === "cancelled" ? "calendar__cancelled" : undefined}>
                              <Link to={`/events/${e.eventId}`}>
                                <span className="calendar__time">{formatTime(new Date(e.startsAt), i18n.language)}</span> <Text value={e.title} lang={e.fieldLang.title} />
                                {e.status === "cancelled" ? ` (${t("event.cancelled")})` : ""}
                              </Link>
                            </li>
                          ))}
                        </ul>
                        {/* On a computer the day shows three events and says how many more there are; on a phone it
                            shows none, so the link gives the day's total. Its name says which, for everyone. */}
                        <Link
                          to={dayHref(day)}
                          className={`calendar__more${list.length > MAX_PER_DAY ? "" : " calendar__more--phone"}`}
                          aria-label={t("calendar.dayLinkLabel", { count: list.length, date: formatDay(fromTokyo(year, month, day), i18n.language) })}
                        >
                          <span className="calendar__more-wide">{list.length > MAX_PER_DAY ? t("calendar.moreCount", { count: list.length - MAX_PER_DAY }) : null}</span>
                          <span className="calendar__more-narrow">{t("calendar.dayTotal", { count: list.length })}</span>
                        </Link>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
