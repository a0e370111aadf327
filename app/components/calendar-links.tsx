import { useTranslation } from "react-i18next";
import { formatRange } from "~/utils/dates";

/**
 * "Add to calendar" (.ics) and Google Calendar for one date, as buttons with 44 px targets (a link's line of text
 * was too small to tap). They stay plain links, so they work without JavaScript; the date is in each one's
 * accessible name so a screen reader's link list tells them apart.
 */
export function CalendarLinks({ link, startsAt, endsAt }: { link: { ics: string; google: string } | undefined; startsAt: string; endsAt: string }) {
  const { t, i18n } = useTranslation();
  if (!link) return null;
  const date = formatRange(new Date(startsAt), new Date(endsAt), i18n.language);
  return (
    <span className="calendar-actions">
      <a href={link.ics} className="button button--ghost button--compact" aria-label={t("feeds.addToCalendarLabel", { date })}>
        {t("feeds.addToCalendar")}
      </a>
      <a href={link.google} className="button button--ghost button--compact" aria-label={t("feeds.googleCalendarLabel", { date })}>
        {t("feeds.googleCalendar")}
      </a>
    </span>
  );
}

/**
 * Subscribing to a feed: a `webcal://` button opens the calendar app, and the https address sits in a labelled
 * read-only field to copy into calendars that want it pasted (Google Calendar's "From URL").
 */
export function FeedSubscription({ webcal, ics, rss }: { webcal: string; ics: string; rss: string }) {
  const { t } = useTranslation();
  return (
    <section className="subscribe" aria-labelledby="subscribe-h">
      <h2 id="subscribe-h" className="subscribe__title">
        {t("feeds.subscribeTitle")}
      </h2>
      <p className="subscribe__lead">{t("feeds.subscribeLead")}</p>
      <p className="calendar-actions">
        <a href={webcal} className="button button--compact">
          {t("feeds.subscribeIcs")}
        </a>
        <a href={rss} type="application/rss+xml" className="button button--ghost button--compact">
          {t("feeds.subscribeRss")}
        </a>
      </p>
      <div className="field">
        <label htmlFor="feed-url">{t("feeds.copyLabel")}</label>
        <input id="feed-url" type="text" readOnly spellCheck={false} value={ics} aria-describedby="feed-url-hint" onFocus={(e) => e.currentTarget.select()} />
        <p id="feed-url-hint" className="field__hint">
          {t("feeds.copyHint")}
        </p>
      </div>
    </section>
  );
}
