import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Text } from "~/components/text";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listReportedItems } from "~/modules/moderation/reports.server";
import { ReportState } from "~/modules/moderation/report-state";
import { formatDay, formatTime } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// Items with open reports (通報), most reported and longest waiting first; each row leads to the item's reports.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("report.staff.title"), siteName: t("site.name") }, items: await listReportedItems() };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

// "staff" comes with the layout (staff.tsx).
export const handle = { i18n: ["reports"] };

export default function StaffReportsPage() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="container page stack">
      <h1>{t("report.staff.title")}</h1>
      <p className="page__lead">{t("report.staff.lead")}</p>
      {items.length === 0 ? (
        <p className="notice notice--info" role="status">
          {t("report.staff.empty")}
        </p>
      ) : (
        <div className="data-table-wrap" role="region" aria-label={t("report.staff.caption")} tabIndex={0}>
          <table className="data-table reports-table">
            <caption>{t("report.staff.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.staff.col.item")}</th>
                <th scope="col">{t("report.staff.col.kind")}</th>
                <th scope="col">{t("report.staff.col.group")}</th>
                <th scope="col" className="num">
                  {t("report.staff.col.count")}
                </th>
                <th scope="col">{t("report.staff.col.reasons")}</th>
                <th scope="col">{t("report.staff.col.since")}</th>
                <th scope="col">{t("report.staff.col.state")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const since = new Date(item.oldest);
                return (
                  <tr key={`${item.kind}-${item.id}`}>
                    <td>
                      <Link to={`/staff/reports/${item.kind}/${item.id}`}>
                        <Text value={item.title} lang="ja" />
                      </Link>
                    </td>
                    <td>{t(`report.kind.${item.kind}`)}</td>
                    <td>
                      <Text value={item.group} lang="ja" />
                    </td>
                    <td className="num">
                      {item.count}
                      <span className="fact__sub">{t("report.staff.reporters", { count: item.reporters })}</span>
                    </td>
                    <td>
                      <ul className="report-reasons">
                        {item.reasons.map((r) => (
                          <li key={r}>{t(`report.reason.${r}`)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <time dateTime={item.oldest}>
                        {formatDay(since, i18n.language)} {formatTime(since, i18n.language)}
                      </time>
                    </td>
                    <td>
                      <ReportState visibility={item.visibility} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
