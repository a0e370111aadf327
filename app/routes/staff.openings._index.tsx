import { publicPath } from "~/modules/publishing/visibility";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listShortOpenings } from "~/modules/matching/discovery.server";
import { Span, TableRegion } from "~/modules/staff/staff-ui";
import { Text } from "~/components/text";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 人手が足りない募集: public openings with free places in the coming weeks, soonest first; from each, staff look for
// opted-in residents who fit (人材バンク, the discovery page). Nothing personal is shown here.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t, locale } = await getRequestI18n(request);
  return { meta: { title: t("staff.openings.title"), siteName: t("site.name") }, openings: await listShortOpenings(locale) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export default function StaffOpenings() {
  const { openings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack staff-page">
      <h1>{t("staff.openings.title")}</h1>
      <p className="page__lead">{t("staff.openings.lead")}</p>
      {openings.length === 0 ? (
        <p className="notice notice--info">{t("staff.openings.none")}</p>
      ) : (
        <TableRegion label={t("staff.openings.caption", { count: openings.length })}>
          <table className="data-table short-openings-table">
            <caption>{t("staff.openings.caption", { count: openings.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.openings.opening")}</th>
                <th scope="col">{t("staff.openings.next")}</th>
                <th scope="col" className="num">
                  {t("staff.openings.placesLeft")}
                </th>
                <th scope="col" className="num">
                  {t("staff.openings.invited")}
                </th>
                <th scope="col">{t("staff.openings.people")}</th>
              </tr>
            </thead>
            <tbody>
              {openings.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={publicPath("opening", o.id)}>
                      <Text value={o.title} lang={o.titleLang} />
                    </Link>
                    <span className="fact__sub">
                      <Text value={o.groupName} lang={o.groupLang} />
                    </span>
                  </th>
                  <td>{o.nextStartsAt && o.nextEndsAt ? <Span startsAt={o.nextStartsAt} endsAt={o.nextEndsAt} /> : t("staff.openings.ongoing")}</td>
                  <td className="num">{o.placesLeft}</td>
                  <td className="num">{o.invited}</td>
                  <td>
                    <Link to={`/staff/openings/${o.id}/people`} className="button button--small">
                      {t("staff.openings.find")}
                      <span className="visually-hidden">{t("staff.openings.forOpening", { title: o.title })}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
