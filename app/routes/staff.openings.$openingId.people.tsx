import { publicPath } from "~/modules/publishing/visibility";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { InviteSchema } from "~/modules/matching/discovery-schema";
import { discoverPeople, getDiscoveryOpening, inviteToOpening, MAX_INVITATIONS_PER_OPENING } from "~/modules/matching/discovery.server";
import { MatchReasons, reasonNames } from "~/modules/matching/match-reasons";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { DoneNotice, Span, Stamp } from "~/modules/staff/staff-ui";
import { Text } from "~/components/text";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 人材バンク for one opening short of volunteers: the residents who opted in to be found by staff and fit it, best
// first, with the reasons, their area and the skills and times that match — never their contact details. Each open
// of this page is an audit entry naming whom staff were shown; each invitation (one person per click, an email with
// the opening's link in their language; they decide) is one too. Staff only: anyone else gets the 404 of a page
// that does not exist (requireStaff), group organisers included.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const openingId = parseIdParam(params.openingId);
  const { t, locale } = await getRequestI18n(request);
  const opening = await getDiscoveryOpening(openingId, locale);
  if (!opening) notFound();
  const [people, taxonomy] = await Promise.all([discoverPeople({ openingId, staffId: staff.id, locale }), getTaxonomy(locale)]);
  const done = new URL(request.url).searchParams.get("done") === "invited";
  return {
    meta: { title: t("staff.discovery.title", { title: opening.title }), siteName: t("site.name") },
    opening,
    people,
    names: reasonNames(taxonomy, people.map((p) => p.reasons)),
    // The ceiling travels as data: a value imported from a .server module does not exist in the browser.
    maxInvitations: MAX_INVITATIONS_PER_OPENING,
    done,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const openingId = parseIdParam(params.openingId);
  const submission = parseWithZod(await request.formData(), { schema: InviteSchema });
  if (submission.status !== "success") return data({ error: "staff.discovery.errors.invalid", retryAfterMinutes: 0 }, { status: 400 });
  const result = await inviteToOpening({ openingId, userId: submission.value.userId, staffId: staff.id });
  if (!result.ok) {
    if (result.reason === "not-found") notFound();
    const retryAfterMinutes = Math.ceil((result.retryAfterSeconds ?? 0) / 60);
    return data({ error: `staff.discovery.errors.${result.reason}`, retryAfterMinutes }, { status: result.reason === "rate" ? 429 : 400 });
  }
  throw redirect(`/staff/openings/${openingId}/people?done=invited`, 303);
}

export const handle = { i18n: ["matching"] };

export default function StaffDiscovery() {
  const { opening, people, names, maxInvitations, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack staff-page discovery">
      <p>
        <Link to="/staff/openings">{t("staff.discovery.back")}</Link>
      </p>
      <h1>
        {t("staff.discovery.heading")}
        <span className="discovery__title">
          <Text value={opening.title} lang={opening.titleLang} />
        </span>
      </h1>
      <dl className="facts discovery__opening">
        <div className="fact">
          <dt>{t("staff.discovery.group")}</dt>
          <dd>
            <Text value={opening.groupName} lang={opening.groupLang} />
          </dd>
        </div>
        <div className="fact">
          <dt>{t("staff.openings.next")}</dt>
          <dd>{opening.nextStartsAt && opening.nextEndsAt ? <Span startsAt={opening.nextStartsAt} endsAt={opening.nextEndsAt} /> : t("staff.openings.ongoing")}</dd>
        </div>
        <div className="fact">
          <dt>{t("staff.openings.placesLeft")}</dt>
          <dd>{opening.placesLeft}</dd>
        </div>
        <div className="fact">
          <dt>{t("staff.openings.invited")}</dt>
          <dd>{t("staff.discovery.invitedOf", { sent: opening.invited, max: maxInvitations })}</dd>
        </div>
      </dl>
      <p>
        <Link to={publicPath("opening", opening.id)}>{t("staff.discovery.openingPage")}</Link>
      </p>
      <p className="notice notice--info">{t("staff.discovery.privacy")}</p>
      <DoneNotice message={done ? t("staff.discovery.done") : null} />
      {answer?.error ? (
        <p className="notice notice--warn" role="alert">
          {t(answer.error, { max: maxInvitations, minutes: answer.retryAfterMinutes })}
        </p>
      ) : null}

      <section aria-labelledby="people-h" className="stack">
        <h2 id="people-h">{t("staff.discovery.peopleHeading", { count: people.length })}</h2>
        {people.length ? <p className="hint">{t("staff.discovery.inviteNote")}</p> : null}
        {people.length === 0 ? (
          <p>{t("staff.discovery.none")}</p>
        ) : (
          <ol className="cards discovery__people">
            {people.map((p) => (
              <li key={p.userId} className="card discovery-person">
                <h3 className="card__title">{p.name}</h3>
                <dl className="facts">
                  <div className="fact">
                    <dt>{t("staff.discovery.area")}</dt>
                    <dd>{p.areaName ?? t("staff.discovery.noArea")}</dd>
                  </div>
                  {p.skills.length ? (
                    <div className="fact">
                      <dt>{t("staff.discovery.skills")}</dt>
                      <dd lang="ja">{p.skills.join("、")}</dd>
                    </div>
                  ) : null}
                  {p.times.length ? (
                    <div className="fact">
                      <dt>{t("staff.discovery.times")}</dt>
                      <dd>
                        {p.times
                          .map((c) => t("staff.discovery.time", { weekday: t(`matching.weekday.${c.weekday}`), band: t(`matching.band.${c.band}`) }))
                          .join(t("staff.listSeparator"))}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                <MatchReasons reasons={p.reasons} names={names} />
                <div className="discovery-person__action">
                  {p.invitedAt ? (
                    <p className="count">
                      {t("staff.discovery.invitedOn")} <Stamp at={p.invitedAt} withTime={false} />
                    </p>
                  ) : p.canEmail ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={p.userId} />
                      <button type="submit" className="button button--small">
                        {t("staff.discovery.invite")}
                        <span className="visually-hidden">{t("staff.discovery.inviteWho", { name: p.name })}</span>
                      </button>
                    </Form>
                  ) : (
                    <p className="hint">
                      {t("staff.discovery.noEmail")} <Link to={`/staff/people/${p.userId}`}>{t("staff.discovery.personPage", { name: p.name })}</Link>
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
