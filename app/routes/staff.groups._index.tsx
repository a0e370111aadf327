import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { STAFF_GROUP_STATUSES, listGroupsForStaff } from "~/modules/staff/groups.server";
import { Stamp, TableRegion } from "~/modules/staff/staff-ui";
import { cleanText } from "~/utils/text";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  const url = new URL(request.url);
  // Unknown statuses are ignored (all groups), and the words are cleaned like any typed text.
  const rawStatus = url.searchParams.get("status");
  const status = (STAFF_GROUP_STATUSES as readonly string[]).includes(rawStatus ?? "") ? rawStatus : null;
  const q = (cleanText(url.searchParams.get("q") ?? "") ?? "").slice(0, 100);
  const { groups, total } = await listGroupsForStaff({ status, q });
  return { meta: { title: t("people.groups.title"), siteName: t("site.name") }, groups, total, status, q, statuses: STAFF_GROUP_STATUSES };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["manage", "people"] };

export default function StaffGroupsPage() {
  const { groups, total, status, q, statuses } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack">
      <h1>{t("people.groups.title")}</h1>
      <p className="page__lead">{t("people.groups.lead")}</p>
      <Form method="get" className="staff-filter" role="search" aria-label={t("people.groups.filterLabel")}>
        <div className="field">
          <label htmlFor="groups-q">{t("people.groups.search")}</label>
          <input id="groups-q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="groups-status">{t("people.groups.status")}</label>
          <select id="groups-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("people.groups.allStatuses")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`manage.groupStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("people.groups.filter")}
        </button>
      </Form>
      <p role="status">{t("people.groups.count", { count: total })}</p>
      {groups.length ? (
        <TableRegion label={t("people.groups.caption")}>
          <table className="data-table">
            <caption>{t("people.groups.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("people.groups.name")}</th>
                <th scope="col">{t("people.groups.status")}</th>
                <th scope="col">{t("people.groups.area")}</th>
                <th scope="col" className="num">
                  {t("people.groups.members")}
                </th>
                <th scope="col" className="num">
                  {t("people.groups.items")}
                </th>
                <th scope="col">{t("people.groups.since")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={`/staff/groups/${g.id}`}>{g.name}</Link>
                  </td>
                  <td>
                    <span className={`tag ${g.status === "pending" || g.status === "suspended" ? "tag--warn" : "tag--plain"}`}>{t(`manage.groupStatus.${g.status}`)}</span>
                  </td>
                  <td>{g.area ?? "—"}</td>
                  <td className="num">{g.members}</td>
                  <td className="num">{g.items}</td>
                  <td>
                    <Stamp at={g.createdAt} withTime={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t("people.groups.none")}</p>
      )}
      {total > groups.length ? <p className="notice notice--info">{t("people.groups.cut", { shown: groups.length })}</p> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
