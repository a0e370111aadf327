import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PhoneLink } from "~/components/council-contact";
import { ACCESSIBILITY_RESULTS } from "~/modules/accessibility/results";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { LOCALE_NAMES, isJapanese } from "~/modules/i18n/config";
import { formatDate, formatNumber, parseTokyoDate } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";
import type { loader as rootLoader } from "~/root";

// ウェブアクセシビリティ方針 in the form 総務省「みんなの公共サイト運用ガイドライン」 asks of public bodies: the policy, the
// standard and level aimed at, the pages it covers, the exceptions, the latest test results, and whom to tell.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await getRequestI18n(request);
  const env = getEnv();
  return {
    meta: { title: t("accessibility.title"), siteName: t("site.name") },
    council: isJapanese(locale) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    locale,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const handle = { i18n: ["accessibility"] };

const SECTIONS = ["policy", "target", "scope", "exceptions"] as const;

export default function AccessibilityPage() {
  const { council, locale } = useLoaderData<typeof loader>();
  const contact = useRouteLoaderData<typeof rootLoader>("root")?.councilContact;
  const { t } = useTranslation();
  const results = ACCESSIBILITY_RESULTS;
  const values = { council, standard: results.standard, wcag: results.wcag, level: results.level };
  const testedOn = parseTokyoDate(results.testedOn);
  return (
    <div className="container page prose form-page">
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.lead", values)}</p>
      {SECTIONS.map((s) => (
        <section key={s} className="panel" aria-labelledby={`accessibility-${s}`}>
          <h2 id={`accessibility-${s}`}>{t(`accessibility.${s}.title`)}</h2>
          {(t(`accessibility.${s}.body`, { returnObjects: true, ...values }) as unknown as string[]).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
      <section className="panel" aria-labelledby="accessibility-results">
        <h2 id="accessibility-results">{t("accessibility.results.title")}</h2>
        <p>{t("accessibility.results.lead", { date: testedOn ? formatDate(testedOn, locale) : results.testedOn, ...values })}</p>
        <table className="data-table accessibility-results">
            <caption>{t("accessibility.results.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accessibility.results.tool")}</th>
                <th scope="col">{t("accessibility.results.checked")}</th>
                <th scope="col">{t("accessibility.results.result")}</th>
              </tr>
            </thead>
            <tbody>
              {results.tools.map((tool) => (
                <tr key={tool.id}>
                  <th scope="row">
                    <span lang="en">
                      {tool.name} {tool.version}
                    </span>
                    <span className="accessibility-results__what">{t(`accessibility.results.${tool.id}.what`, values)}</span>
                  </th>
                  <td>
                    {t("accessibility.results.pagesByLanguages", {
                      pages: formatNumber(tool.pages, locale),
                      languages: formatNumber(tool.locales.length, locale),
                      total: formatNumber(tool.pages * tool.locales.length, locale),
                    })}
                    <ul className="accessibility-languages">
                      {tool.locales.map((lng) => (
                        <li key={lng} lang={lng}>
                          {LOCALE_NAMES[lng]}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{t(`accessibility.results.${tool.id}.found`, { value: tool.found })}</td>
                </tr>
              ))}
            </tbody>
        </table>
        <p>{t("accessibility.results.keyboard")}</p>
        <p>{t("accessibility.results.limits")}</p>
      </section>
      <section className="panel" aria-labelledby="accessibility-contact">
        <h2 id="accessibility-contact">{t("accessibility.contact.title")}</h2>
        <p>{t("accessibility.contact.body", values)}</p>
        {contact ? (
          <p>
            {t("accessibility.contact.phone")} <PhoneLink phone={contact.phone} /> {t("council.hoursShort", { hours: contact.hours })}
          </p>
        ) : null}
      </section>
    </div>
  );
}
