import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { staffMenuCounts } from "~/modules/staff/menu.server";
import { STAFF_SECTIONS } from "~/modules/staff/staff-nav";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("staff.title"), siteName: t("site.name") }, name: user.name, counts: await staffMenuCounts() };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);


export default function StaffHome() {
  const { name, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack">
      <h1>{t("staff.title")}</h1>
      <p className="page__lead">{t("staff.lead", { name })}</p>
      <ul className="cards staff-home">
        {STAFF_SECTIONS.map((section) => (
          <li key={section.key} className="card">
            <h2 className="card__title">
              <Link to={section.to}>{t(`staff.nav.${section.key}`)}</Link>
            </h2>
            <p className="card__summary">{t(`staff.home.${section.key}`)}</p>
            {"count" in section ? <p className="count">{t("staff.nav.waiting", { count: counts[section.count] })}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
