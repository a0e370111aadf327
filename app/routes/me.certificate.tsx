import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isJapanese } from "~/modules/i18n/config";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/permissions.server";
import { certificateFor, fiscalYearOf } from "~/modules/participation/history.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getEnv } from "~/utils/env.server";
import { NO_STORE } from "~/utils/http.server";
import { formatDate } from "~/utils/dates";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

/** ボランティア活動証明書: verified activities and hours of one fiscal year, ready to print. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestI18n(request);
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const current = fiscalYearOf(new Date());
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= current ? asked : current;
  const env = getEnv();
  return {
    meta: { title: t("certificate.title"), siteName: t("site.name") },
    certificate: await certificateFor(user.id, year),
    council: isJapanese(locale) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    issuedAt: new Date().toISOString(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["account"] };

export default function CertificatePage() {
  const { certificate, council, issuedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="container page certificate">
      <p className="no-print">
        <Link to="/me">{t("me.back")}</Link>
      </p>
      <article className="certificate__sheet">
        <h1>{t("certificate.title")}</h1>
        <p className="certificate__name">
          <span lang="ja">{certificate.name}</span> {t("certificate.honorific")}
        </p>
        <p>{t("certificate.lead", { year: certificate.fiscalYear })}</p>
        {certificate.activities.length ? (
          <table className="certificate__table">
            <caption className="visually-hidden">{t("certificate.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certificate.date")}</th>
                <th scope="col">{t("certificate.activity")}</th>
                <th scope="col">{t("certificate.group")}</th>
                <th scope="col">{t("certificate.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {certificate.activities.map((a) => (
                <tr key={a.id}>
                  <td>{formatDate(new Date(a.date), i18n.language)}</td>
                  <td lang="ja">{a.title}</td>
                  <td lang="ja">{a.group}</td>
                  <td>{t("me.hoursValue", { hours: a.hours })}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t("certificate.total")}
                </th>
                <td>{t("me.hoursValue", { hours: certificate.totalHours })}</td>
              </tr>
            </tfoot>
          </table>
        ) : (
          <p>{t("certificate.none")}</p>
        )}
        <p>{t("certificate.attest")}</p>
        <p className="certificate__issuer">
          {formatDate(new Date(issuedAt), i18n.language)}
          <br />
          {council}
        </p>
      </article>
      <p className="no-print">{t("certificate.printHint")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
