import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listFeaturedPlaces, withScheduleText } from "~/modules/places/queries.server";
import { listThisWeeksEvents } from "~/modules/events/queries.server";
import { getTaxonomy, townSuggestions } from "~/modules/taxonomy/taxonomy.server";
import { TownField } from "~/components/town-field";
import { nameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { EventCardView } from "~/modules/events/event-card";
import { PlaceCardView } from "~/modules/places/place-card";
import { pageMeta } from "~/utils/meta";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { Icon } from "~/components/icon";
import { withReadings } from "~/modules/furigana/ruby.server";
import { useRubyT } from "~/modules/furigana/ruby";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { homeRecommendations } from "~/modules/matching/quick-match.server";

// Loaded only when the page has proposals, i.e. for a signed-in resident: nearly every visitor of the home page is
// anonymous (and every cached copy of it is), and the cards with their reasons were ~1.5 KB of gzipped JavaScript
// preloaded for all of them (the home page's budget is 100 KB). No <Suspense> around it on purpose: the server
// waits for it before sending the page, hydration keeps the server's HTML until it has arrived, and a client
// navigation keeps the previous page on screen meanwhile (as for translations, see useRouteNamespaces).
const RecommendationCards = lazy(() => import("~/modules/matching/recommendation-card").then((m) => ({ default: m.RecommendationCards })));

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ locale, t }, user] = await Promise.all([getRequestI18n(request), getCurrentUser(request)]);
  // Personal proposals only for a signed-in resident: the page cache (server/page-cache.js) never stores a page
  // asked for with a session cookie, so anonymous visitors keep sharing one cached copy.
  const [taxonomy, events, places, forYou] = await Promise.all([
    getTaxonomy(locale),
    cachedPublic(cacheKey("home-events", locale), () => listThisWeeksEvents(locale)),
    cachedPublic(cacheKey("home-places", locale), () => listFeaturedPlaces(locale)),
    user?.roles.includes("resident") ? homeRecommendations(user.id, locale) : null,
  ]);
  return withReadings(request, {
    meta: { title: t("site.name"), description: t("home.lead"), siteName: t("site.name") },
    taxonomy,
    // Worked out here rather than in the browser: see TownField.
    townNames: townSuggestions(taxonomy.areas),
    events,
    places: withScheduleText(places, t),
    forYou,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const handle = { i18n: ["listing", "lists", "home", "search", "events", "matching"] };

export default function Home() {
  const { taxonomy, townNames, events, places, forYou } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  return (
    <>
      <section className="hero">
        <div className="container">
          <h1 className="hero__title">{rt("home.title")}</h1>
          <p className="hero__lead">{t("home.lead")}</p>
          <Form method="get" action="/search" className="searchbox" role="search">
            <label htmlFor="home-q" className="searchbox__label">
              {t("search.label")}
            </label>
            <div className="searchbox__row">
              <input id="home-q" name="q" type="search" placeholder={t("search.placeholder")} autoComplete="off" />
              <button type="submit" className="button">
                {t("search.submit")}
              </button>
            </div>
          </Form>
        </div>
      </section>

      {forYou ? (
        <section className="container section" aria-labelledby="for-you">
          <div className="section__head">
            <h2 id="for-you">{rt("home.forYou")}</h2>
            <Link to="/match">{t("home.forYouMore")}</Link>
          </div>
          <RecommendationCards items={forYou} names={taxonomy} empty={t("home.forYouEmpty")} />
        </section>
      ) : null}

      {/* Right after the search: residents know their 町名, rarely the council's areas (issue 15). */}
      <section className="container section area-search" aria-labelledby="by-area">
        <h2 id="by-area">{rt("home.byArea")}</h2>
        <p>{t("areaSearch.lead")}</p>
        <Form method="get" action="/places" className="area-search__form">
          <TownField id="home-town" names={townNames} />
          <button type="submit" className="button">
            {t("areaSearch.submit")}
          </button>
        </Form>
        <p className="area-search__or" id="home-areas">
          {t("areaSearch.orPick")}
        </p>
        <ul className="chips" aria-labelledby="home-areas">
          {taxonomy.areas.map((a) => (
            <li key={a.slug}>
              <Link className="chip" to={`/places?area=${a.slug}`}>
                <Text value={a.name} lang={a.lang} />
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="container section" aria-labelledby="first-steps">
        <h2 id="first-steps">{rt("home.firstSteps")}</h2>
        <ul className="steps">
          <li>
            <Link className="step" to="/places?beginner=1">
              <span className="step__icon"><Icon name="cup" /></span>
              <span className="step__title">{t("home.stepPlaceTitle")}</span>
              <span className="step__text">{t("home.stepPlaceText")}</span>
            </Link>
          </li>
          <li>
            <Link className="step" to="/events?beginner=1">
              <span className="step__icon"><Icon name="calendar" /></span>
              <span className="step__title">{t("home.stepEventTitle")}</span>
              <span className="step__text">{t("home.stepEventText")}</span>
            </Link>
          </li>
          <li>
            <Link className="step" to="/volunteer?beginner=1">
              <span className="step__icon"><Icon name="hands" /></span>
              <span className="step__title">{t("home.stepVolunteerTitle")}</span>
              <span className="step__text">{t("home.stepVolunteerText")}</span>
            </Link>
          </li>
        </ul>
      </section>

      <div className="container section">
        <Link className="step quick-match-link" to="/match">
          <span className="step__icon">
            <Icon name="hands" />
          </span>
          <span className="step__title">{t("home.quickMatch")}</span>
          <span className="step__text">{t("home.quickMatchText")}</span>
        </Link>
      </div>

      <section className="container section" aria-labelledby="this-week">
        <div className="section__head">
          <h2 id="this-week">{rt("home.thisWeek")}</h2>
          <Link to="/events">{t("home.allEvents")}</Link>
        </div>
        {events.length ? (
          <div className="cards">
            {events.map((e) => (
              <EventCardView key={e.dateId} item={e} names={names} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("home.noEventsThisWeek")}</p>
        )}
      </section>

      <section className="container section" aria-labelledby="featured-places">
        <div className="section__head">
          <h2 id="featured-places">{rt("home.featuredPlaces")}</h2>
          <Link to="/places">{t("home.allPlaces")}</Link>
        </div>
        <div className="cards">
          {places.map((p) => (
            <PlaceCardView key={p.id} place={p} names={names} />
          ))}
        </div>
      </section>
    </>
  );
}
