import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isJapanese } from "~/modules/i18n/config";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrintButton } from "~/components/print-button";
import { Text } from "~/components/text";
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
    certificate: await certificateFor(user.id, year, locale),
    council: isJapanese(locale) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    issuedAt: new Date().toISOString(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["account"] };

export default function CertificatePage() {
  const { certificate, council, issuedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const labels = { date: t("certificate.date"), activity: t("certificate.activity"), group: t("certificate.group"), hours: t("certificate.hours") };
  return (
    <div className="container page certificate">
      <div className="certificate__tools no-print">
        <Link to="/me">{t("me.back")}</Link>
        <PrintButton label={t("certificate.print")} />
      </div>
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
                <th scope="col">{labels.date}</th>
                <th scope="col">{labels.activity}</th>
                <th scope="col">{labels.group}</th>
                <th scope="col">{labels.hours}</th>
              </tr>
            </thead>
            <tbody>
              {/* On a phone each row becomes a stacked card; the visible labels repeat the column headers there. */}
              {certificate.activities.map((a) => (
                <tr key={a.id}>
                  <td>
                    <CellLabel text={labels.date} />
                    {formatDate(new Date(a.date), i18n.language)}
                  </td>
                  <td>
                    <CellLabel text={labels.activity} />
                    <Text value={a.title} lang={a.titleLang} />
                  </td>
                  <td>
                    <CellLabel text={labels.group} />
                    {/* The group's name is shown as the group writes it. */}
                    <span lang="ja">{a.group}</span>
                  </td>
                  <td>
                    <CellLabel text={labels.hours} />
                    {t("me.hoursValue", { hours: a.hours })}
                  </td>
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

/** The column's name, shown only when the row is stacked (narrow screens); the header cell names it otherwise. */
function CellLabel({ text }: { text: string }) {
  return (
    <span className="certificate__label" aria-hidden="true">
      {text}
    </span>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
