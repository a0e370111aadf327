import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPublishedPlace, listRelatedPlaces } from "~/modules/places/queries.server";
import { Related } from "~/components/related";
import { calendarLinksForPlace } from "~/modules/places/calendar.server";
import { CalendarLinks } from "~/components/calendar-links";
import { describeSchedule } from "~/modules/schedule/describe";
import { nameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { Breadcrumbs, ContactBlock, InfoRow, Paragraphs } from "~/components/detail";
import { Fee, Languages, When } from "~/components/format";
import { JsonLd } from "~/components/json-ld";
import { getEnv } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";
import { formatDate, toTokyoIso } from "~/utils/dates";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { withReadings } from "~/modules/furigana/ruby.server";
import { ReportLink } from "~/modules/moderation/report-link";
import { loadPublicDetail } from "~/modules/publishing/detail.server";
import { isStale } from "~/modules/places/freshness";
import { BookingBlock } from "~/modules/places/booking-block";
import { FlyerLink } from "~/modules/outreach/flyer-link";
import { describeFee, feeJsonLd } from "~/modules/fees/fee";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t, item: place, taxonomy } = await loadPublicDetail(request, params.id, "place", getPublishedPlace);
  const [calendarLinks, related] = await Promise.all([calendarLinksForPlace(place, locale), listRelatedPlaces(place, locale)]);
  return withReadings(request, {
    related,
    calendarLinks,
    meta: { title: place.name, description: place.summary, siteName: t("site.name") },
    place,
    taxonomy,
    origin: getEnv().APP_ORIGIN,
    city: getEnv().CITY_NAME,
    // 要確認: details the group has not confirmed for STALE_AFTER_MONTHS may be out of date; residents are told so.
    stale: isStale(place.lastConfirmedAt),
  }, [[place.name, place.nameKana]]);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["listing", "detail", "places", "events", "reports"] };

export default function PlaceDetailPage() {
  const { place, taxonomy, origin, city, stale, calendarLinks, related } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  const type = names.placeTypes[place.typeSlug];
  const area = place.areaSlug ? names.areas[place.areaSlug] : undefined;
  const areaName = area?.name ?? "";
  return (
    <div className="container page detail">
      <Breadcrumbs items={[{ to: "/", label: t("nav.home") }, { to: "/places", label: t("nav.places") }, { label: place.name }]} />
      <header className="detail__head">
        {type ? <p className="card__kicker">{type.name}</p> : null}
        <Text as="h1" value={place.name} lang={place.fieldLang.name} />
        {place.nameKana && place.fieldLang.name === "ja" ? <p className="kana" lang="ja">{place.nameKana}</p> : null}
        {place.summary ? <Text as="p" className="page__lead" value={place.summary} lang={place.fieldLang.summary} /> : null}
        <p className="tags">
          {place.beginnerFriendly ? <span className="tag tag--welcome">{t("tag.beginners")}</span> : null}
          {place.wheelchairAccess ? <span className="tag tag--info">{t("tag.wheelchair")}</span> : null}
          {place.mealsProvided ? <span className="tag tag--plain">{t("tag.meals")}</span> : null}
          {place.transportOffered ? <span className="tag tag--plain">{t("tag.transport")}</span> : null}
          {place.bookingRequired ? <span className="tag tag--warn">{t("tag.booking")}</span> : null}
          {stale ? (
            <a href="#freshness" className="tag tag--warn tag--stale">
              {t("detail.needsChecking")}
            </a>
          ) : null}
        </p>
      </header>

      <div className="detail__grid">
        <div className="detail__main">
          <section className="panel" aria-labelledby="when-h">
            <h2 id="when-h">{rt("detail.when")}</h2>
            {place.schedule.rule ? <p className="schedule-text">{describeSchedule(place.schedule, t)}</p> : null}
            {place.scheduleNote ? <Text as="p" value={place.scheduleNote} lang={place.fieldLang.scheduleNote} /> : null}
            <BookingBlock place={place} noteLang={place.fieldLang.bookingNote} />
            {place.nextDates.length ? (
              <>
                <h3>{rt("detail.nextDates")}</h3>
                <ul className="date-list">
                  {place.nextDates.map((d) => (
                    <li key={d.startsAt}>
                      <When startsAt={d.startsAt} endsAt={d.endsAt} long />
                      <CalendarLinks link={calendarLinks.find((l) => l.startsAt === d.startsAt)} startsAt={d.startsAt} endsAt={d.endsAt} />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t("card.askSchedule")}</p>
            )}
            <FlyerLink path={`/places/${place.id}`} />
          </section>

          {place.photos.length ? (
            <section className="panel" aria-labelledby="photos-h">
              <h2 id="photos-h">{rt("photos.heading")}</h2>
              {/* Sized by attributes, not inline styles: the CSP (style-src 'self') blocks style attributes. */}
              <ul className="link-list photo-gallery">
                {place.photos.map((p) => (
                  <li key={p.src}>
                    <img src={p.src} alt={p.alt} width={p.displayWidth} height={p.displayHeight} loading="lazy" decoding="async" />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className="panel" aria-labelledby="about-h">
            <h2 id="about-h">{rt("detail.about")}</h2>
            <Paragraphs text={place.description} lang={place.fieldLang.description} />
          </section>

          {place.events.length ? (
            <section className="panel" aria-labelledby="events-h">
              <h2 id="events-h">{rt("detail.eventsHere")}</h2>
              <ul className="link-list">
                {place.events.map((e) => (
                  <li key={`${e.id}-${e.startsAt}`}>
                    <When startsAt={e.startsAt} endsAt={e.endsAt} />{" "}
                    <Link to={`/events/${e.id}`}>
                      <Text value={e.title} lang={e.lang} />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <Related base="/places" items={related.map((r) => ({ id: r.id, label: r.name, lang: r.lang, sub: r.areaSlug ? names.areas[r.areaSlug]?.name : undefined }))} />
        </div>

        <aside className="detail__side">
          <section className="panel" aria-labelledby="facts-h">
            <h2 id="facts-h">{rt("detail.facts")}</h2>
            <dl className="info">
              <InfoRow label={t("detail.where")}>
                {place.showAreaOnly ? (
                  <>
                    {areaName}
                    <span className="fact__sub">{t("detail.areaOnlyNote")}</span>
                  </>
                ) : (
                  <>
                    {place.address ? <span lang="ja">{place.address}</span> : null}
                    {areaName ? <span className="fact__sub">{areaName}</span> : null}
                  </>
                )}
              </InfoRow>
              <InfoRow label={t("detail.access")}>{place.access ? <Text value={place.access} lang={place.fieldLang.access} /> : null}</InfoRow>
              <InfoRow label={t("detail.parking")}>{place.parking ? <Text value={place.parking} lang={place.fieldLang.parking} /> : null}</InfoRow>
              <InfoRow label={t("card.fee")}>
                <Fee fee={place.fee} />
                {place.feeNote ? <Text className="fact__sub" value={place.feeNote} lang={place.fieldLang.feeNote} /> : null}
              </InfoRow>
              <InfoRow label={t("card.forWhom")}>
                {place.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
              </InfoRow>
              <InfoRow label={t("card.languages")}>
                <Languages codes={place.languages} />
              </InfoRow>
              <InfoRow label={t("detail.accessibility")}>
                {[
                  place.wheelchairAccess ? t("tag.wheelchair") : null,
                  place.accessibleToilet ? t("detail.accessibleToilet") : null,
                ]
                  .filter(Boolean)
                  .join(t("list.separator")) || null}
                {place.barrierFreeNote ? <Text className="fact__sub" value={place.barrierFreeNote} lang={place.fieldLang.barrierFreeNote} /> : null}
              </InfoRow>
              <InfoRow label={t("detail.whatToBring")}>
                {place.whatToBring ? <Text value={place.whatToBring} lang={place.fieldLang.whatToBring} /> : null}
              </InfoRow>
              <InfoRow label={t("detail.organiser")}>
                <Text value={place.group.name} lang={place.group.lang} />
              </InfoRow>
              <InfoRow label={t("detail.website")}>
                {place.website ? (
                  <a href={place.website} rel="noopener noreferrer nofollow">
                    {t("detail.websiteLink")}
                  </a>
                ) : null}
              </InfoRow>
            </dl>
            <p id="freshness" className={`freshness${stale ? " freshness--stale" : ""}`}>
              {stale ? <strong className="tag tag--warn">{t("detail.needsChecking")}</strong> : null}{" "}
              {place.lastConfirmedAt
                ? t(stale ? "detail.confirmedStale" : "detail.confirmedOn", { date: formatDate(new Date(place.lastConfirmedAt), i18n.language) })
                : t("detail.neverConfirmed")}
            </p>
          </section>
          <ContactBlock name={place.contactName} phone={place.contactPhone} email={place.contactEmail} />
          <ReportLink kind="place" id={place.id} />
        </aside>
      </div>
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "Place",
          name: place.name,
          description: place.summary || undefined,
          url: `${origin}/places/${place.id}`,
          address: place.address
            ? { "@type": "PostalAddress", streetAddress: place.address, addressLocality: city, addressCountry: "JP" }
            : { "@type": "PostalAddress", addressLocality: `${city} ${areaName}`.trim(), addressCountry: "JP" },
          geo: place.lat != null && place.lng != null ? { "@type": "GeoCoordinates", latitude: place.lat, longitude: place.lng } : undefined,
          ...feeJsonLd(place.fee, describeFee(place.fee, t, i18n.language)),
          event: place.events.slice(0, 3).map((e) => ({
            "@type": "Event",
            name: e.title,
            startDate: toTokyoIso(new Date(e.startsAt)),
            url: `${origin}/events/${e.id}`,
          })),
        }}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
