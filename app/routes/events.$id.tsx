import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConsentField, MyParticipation, OutcomeNotice, participationAnswer, replyFor } from "~/modules/participation/participation-controls";
import { QuickJoin } from "~/modules/participation/quick-join-form";
import { joinAnswer, phoneAnswer } from "~/modules/participation/quick-join";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { InputField } from "~/components/forms";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { myRegistrationsForEvent, registerForEventDate, withdrawRegistration } from "~/modules/participation/participation.server";
import { RegisterSchema } from "~/modules/participation/schemas";
import { outcomeAfterRedirect, refused } from "~/modules/participation/outcome";
import { participationPageAction } from "~/modules/participation/page-action.server";
import { LIVE_REGISTRATION_STATUSES } from "~/modules/participation/status";
import { useTranslation } from "react-i18next";
import { listRelatedEvents, getPublishedEvent } from "~/modules/events/queries.server";
import { calendarLinksForEvent } from "~/modules/events/feeds.server";
import { describeSchedule } from "~/modules/schedule/describe";
import { nameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { Breadcrumbs, ContactBlock, InfoRow, Paragraphs, Venue } from "~/components/detail";
import { DayLabel, Fee, Languages, When } from "~/components/format";
import { JsonLd } from "~/components/json-ld";
import { CalendarLinks } from "~/components/calendar-links";
import { Related } from "~/components/related";
import { parseIdParam } from "~/utils/http.server";
import { getEnv } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";
import { toTokyoIso } from "~/utils/dates";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { withReadings } from "~/modules/furigana/ruby.server";
import { ReportLink } from "~/modules/moderation/report-link";
import { describeFee, feeJsonLd } from "~/modules/fees/fee";
import { CouncilPhoneNote } from "~/components/council-phone-note";
import { FlyerLink } from "~/modules/outreach/flyer-link";
import { loadPublicDetail } from "~/modules/publishing/detail.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [{ id, locale, t, item: event, taxonomy }, user] = await Promise.all([loadPublicDetail(request, params.id, "event", getPublishedEvent), getCurrentUser(request)]);
  const mine = user ? await myRegistrationsForEvent(user.id, id) : [];
  return withReadings(request, {
    signedIn: Boolean(user),
    mine,
    // After registering (?registered=<date id>): what the database says happened to the resident's registration.
    registered: outcomeAfterRedirect(new URL(request.url).searchParams.get("registered"), mine, (m) => m.eventDateId, LIVE_REGISTRATION_STATUSES, "participation.registered"),
    meta: { title: event.title, description: event.summary, siteName: t("site.name") },
    event,
    taxonomy,
    origin: getEnv().APP_ORIGIN,
    calendarLinks: await calendarLinksForEvent(event, locale),
    related: await listRelatedEvents(event, locale),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const eventId = parseIdParam(params.id);
  return participationPageAction(request, {
    schema: RegisterSchema,
    phoneEventId: eventId,
    withdraw: (user, registrationId) => withdrawRegistration({ userId: user.id, registrationId }),
    withdrawnMessage: "participation.cancelled",
    takePart: async (user, { eventDateId, partySize }) => {
      // The date must belong to this event (eventId): an id from another page is treated as not found.
      const result = await registerForEventDate({ userId: user.id, resident: user, eventId, eventDateId, partySize, consent: true });
      if (!result.ok) return refused(result.reason);
      // Post/redirect/get: the registration is acknowledged at once, without rendering the page inside the rush, and
      // the page that follows reads its outcome from the database (a reload does not register twice either).
      throw redirect(`/events/${eventId}?registered=${eventDateId}`, 303);
    },
  });
}

export const handle = { i18n: ["listing", "detail", "events", "participation", "quickjoin", "reports"] };

export default function EventDetailPage() {
  const { event, taxonomy, origin, calendarLinks, related, signedIn, mine, registered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { reply, outcome } = participationAnswer(actionData, registered);
  const { t, i18n } = useTranslation();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  const area = event.areaSlug ? names.areas[event.areaSlug] : undefined;
  const next = event.dates.find((d) => d.status === "scheduled" || d.status === "moved");
  // Visitors who are not signed in register from one form below the dates, choosing the date there.
  const openDates = event.registrationRequired ? event.dates.filter((d) => d.status === "scheduled" || d.status === "moved") : [];
  return (
    <div className="container page detail">
      <Breadcrumbs items={[{ to: "/", label: t("nav.home") }, { to: "/events", label: t("nav.events") }, { label: event.title }]} />
      <header className="detail__head">
        <p className="card__kicker">{event.isSeries ? t("event.series") : t("event.oneOff")}</p>
        <Text as="h1" value={event.title} lang={event.fieldLang.title} />
        {event.summary ? <Text as="p" className="page__lead" value={event.summary} lang={event.fieldLang.summary} /> : null}
        <p className="tags">
          {event.beginnerFriendly ? <span className="tag tag--welcome">{t("tag.beginners")}</span> : null}
          {event.registrationRequired ? <span className="tag tag--warn">{t("tag.registration")}</span> : <span className="tag tag--plain">{t("tag.dropIn")}</span>}
          {event.onlineUrl ? <span className="tag tag--info">{t("event.online")}</span> : null}
        </p>
      </header>

      <div className="detail__grid">
        <div className="detail__main">
          <section className="panel" aria-labelledby="dates-h">
            <h2 id="dates-h">{rt("detail.dates")}</h2>
            {event.isSeries ? <p className="schedule-text">{describeSchedule({ ...event.schedule, startTime: "", endTime: "" }, t)}</p> : null}
            {event.pause ? (
              <p className="notice notice--info">
                {t("event.pausedBetween")} <DayLabel at={event.pause.from} />〜<DayLabel at={event.pause.until} />
              </p>
            ) : null}
            {event.dates.length ? (
              <ul className="date-list">
                {event.dates.map((d) => (
                  <li key={d.id} className={d.status === "cancelled" || d.status === "paused" ? "date-list__off" : undefined}>
                    <When startsAt={d.startsAt} endsAt={d.endsAt} long />
                    {d.status === "cancelled" ? <strong className="tag tag--warn">{t("event.cancelled")}</strong> : null}
                    {d.status === "paused" ? <span className="tag tag--plain">{t("event.paused")}</span> : null}
                    {d.status === "moved" && d.originalStartsAt ? (
                      <span className="tag tag--info">
                        {t("event.movedFrom")} <DayLabel at={d.originalStartsAt} />
                      </span>
                    ) : null}
                    {d.placesLeft !== null && d.status === "scheduled" ? (
                      <span className={`tag ${d.placesLeft === 0 ? "tag--warn" : "tag--info"}`}>
                        {d.placesLeft === 0 ? t("tag.full") : t("tag.placesLeft", { count: d.placesLeft })}
                      </span>
                    ) : null}
                    {d.note ? <span className="fact__sub" lang="ja">{d.note}</span> : null}
                    <CalendarLinks link={calendarLinks.find((c) => c.dateId === d.id)} startsAt={d.startsAt} endsAt={d.endsAt} />
                    {event.registrationRequired && (d.status === "scheduled" || d.status === "moved") ? (
                      <RegisterAction dateId={d.id} signedIn={signedIn} mine={mine.find((m) => m.eventDateId === d.id)} groupName={event.group.name} lastResult={replyFor(reply, "eventDateId", d.id)} />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("event.noUpcoming")}</p>
            )}
            <OutcomeNotice outcome={outcome} />
            {signedIn ? null : <QuickJoin kind="register" choices={openDates} groupName={event.group.name} answer={joinAnswer(actionData)} phone={{ allowed: event.phoneRegistration, result: phoneAnswer(actionData) }} />}
            {event.registrationRequired ? <CouncilPhoneNote /> : null}
            <FlyerLink path={`/events/${event.id}`} />
          </section>

          <section className="panel" aria-labelledby="about-h">
            <h2 id="about-h">{rt("detail.about")}</h2>
            <Paragraphs text={event.description} lang={event.fieldLang.description} />
          </section>
          <Related base="/events" items={related.map((r) => ({ id: r.id, label: r.title, lang: r.lang, startsAt: r.startsAt, endsAt: r.endsAt }))} />
        </div>

        <aside className="detail__side">
          <section className="panel" aria-labelledby="facts-h">
            <h2 id="facts-h">{rt("detail.facts")}</h2>
            <dl className="info">
              <InfoRow label={t("detail.where")}>
                {event.venue ? <Venue venue={event.venue} /> : null}
                {event.onlineUrl ? <span className="fact__sub">{t("event.online")}</span> : null}
                {area ? <span className="fact__sub">{area.name}</span> : null}
              </InfoRow>
              <InfoRow label={t("card.fee")}>
                <Fee fee={event.fee} />
                {event.feeNote ? <Text className="fact__sub" value={event.feeNote} lang={event.fieldLang.feeNote} /> : null}
              </InfoRow>
              <InfoRow label={t("detail.capacity")}>{event.capacity ? t("detail.people", { count: event.capacity }) : t("detail.noLimit")}</InfoRow>
              <InfoRow label={t("card.forWhom")}>
                {event.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
              </InfoRow>
              <InfoRow label={t("card.languages")}>
                <Languages codes={event.languages} />
              </InfoRow>
              <InfoRow label={t("detail.whatToBring")}>
                {event.whatToBring ? <Text value={event.whatToBring} lang={event.fieldLang.whatToBring} /> : null}
              </InfoRow>
              <InfoRow label={t("detail.organiser")}>
                <Text value={event.group.name} lang={event.group.lang} />
              </InfoRow>
            </dl>
          </section>
          <ContactBlock name={event.contactName} phone={event.contactPhone} email={event.contactEmail} />
          <ReportLink kind="event" id={event.id} />
        </aside>
      </div>
      {next ? (
        <JsonLd
          data={{
            "@context": "https://schema.org",
            "@type": "Event",
            name: event.title,
            description: event.summary || undefined,
            url: `${origin}/events/${event.id}`,
            startDate: toTokyoIso(new Date(next.startsAt)),
            endDate: toTokyoIso(new Date(next.endsAt)),
            eventStatus: "https://schema.org/EventScheduled",
            eventAttendanceMode: event.onlineUrl
              ? event.venue
                ? "https://schema.org/MixedEventAttendanceMode"
                : "https://schema.org/OnlineEventAttendanceMode"
              : "https://schema.org/OfflineEventAttendanceMode",
            location: event.venue
              ? { "@type": "Place", name: event.venue.name, address: event.venue.address ?? area?.name ?? undefined }
              : event.onlineUrl
                ? { "@type": "VirtualLocation", url: event.onlineUrl }
                : undefined,
            organizer: { "@type": "Organization", name: event.group.name },
            ...feeJsonLd(event.fee, describeFee(event.fee, t, i18n.language)),
            inLanguage: event.languages,
          }}
        />
      ) : null}
    </div>
  );
}

/** Register / cancel for one date, as a plain form (works without JavaScript). */
function RegisterAction({
  dateId,
  signedIn,
  mine,
  groupName,
  lastResult,
}: {
  dateId: number;
  signedIn: boolean;
  mine?: { id: number; status: string; partySize: number };
  groupName: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `register-${dateId}`,
    lastResult,
    constraint: getZodConstraint(RegisterSchema),
    defaultValue: { partySize: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
  });
  if (!signedIn) return null;
  if (mine) {
    return <MyParticipation id={mine.id} status={mine.status} detail={t("participation.people", { count: mine.partySize })} withdrawLabel={t("participation.cancel")} />;
  }
  return (
    <Form method="post" className="shift-action stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="register" />
      <input type="hidden" name="eventDateId" value={dateId} />
      <InputField meta={fields.partySize} label={t("participation.partySize")} inputMode="numeric" autoComplete="off" />
      <ConsentField meta={fields.consent} groupName={groupName} />
      <button type="submit" className="button">
        {t("participation.register")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
