import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isJapanese } from "~/modules/i18n/config";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { OPEN_DATA_FILES, type OpenDataFile } from "~/modules/opendata/profiles";
import { getEnv } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";

// /opendata: what the files hold, in which standard profile, and under which licence (CC BY 4.0), for the city's
// open-data catalogue and anyone who builds on it.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await getRequestI18n(request);
  const env = getEnv();
  const files = (Object.keys(OPEN_DATA_FILES) as OpenDataFile[]).map((file) => ({
    file,
    href: `/opendata/${file}.csv`,
    dataset: OPEN_DATA_FILES[file].dataset,
    columns: OPEN_DATA_FILES[file].columns.map((c) => ({ header: c.header, required: c.required })),
  }));
  return {
    meta: { title: t("opendata.title"), description: t("opendata.lead"), siteName: t("site.name") },
    council: isJapanese(locale) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    code: env.LOCAL_GOVERNMENT_CODE,
    files,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const handle = { i18n: ["opendata"] };

const FORMAT_NOTES = ["encoding", "dates", "kana", "scope"] as const;

export default function OpenDataPage() {
  const { council, code, files } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page prose form-page">
      <h1>{t("opendata.title")}</h1>
      <p className="page__lead">{t("opendata.lead")}</p>
      {files.map((f) => (
        <section key={f.file} className="panel" aria-labelledby={`opendata-${f.file}`}>
          <h2 id={`opendata-${f.file}`}>{t(`opendata.files.${f.file}.title`)}</h2>
          <p>{t(`opendata.files.${f.file}.body`)}</p>
          <p>
            <a className="button" href={f.href} download>
              {t("opendata.download", { name: `${f.file}.csv` })}
            </a>
          </p>
          <p>{t("opendata.profile", { dataset: f.dataset, count: f.columns.length, code })}</p>
          <details>
            <summary>{t("opendata.columns")}</summary>
            <ol lang="ja">
              {f.columns.map((c) => (
                <li key={c.header}>
                  {c.header}
                  {c.required ? <span lang={undefined}>{` (${t("opendata.required")})`}</span> : null}
                </li>
              ))}
            </ol>
          </details>
        </section>
      ))}
      <section className="panel" aria-labelledby="opendata-format">
        <h2 id="opendata-format">{t("opendata.format.title")}</h2>
        <ul>
          {FORMAT_NOTES.map((note) => (
            <li key={note}>{t(`opendata.format.${note}`)}</li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="opendata-licence">
        <h2 id="opendata-licence">{t("opendata.licence.title")}</h2>
        <p>
          {t("opendata.licence.body", { council })}{" "}
          <a href="https://creativecommons.org/licenses/by/4.0/deed.ja" rel="license">
            {t("opendata.licence.name")}
          </a>
        </p>
        <p>{t("opendata.licence.credit", { council })}</p>
      </section>
    </div>
  );
}
