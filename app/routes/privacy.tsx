import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isJapanese } from "~/modules/i18n/config";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PRIVACY_NOTICE_VERSION } from "~/modules/auth/accounts.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getEnv } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";

// 個人情報の取扱い (APPI): purposes of use, third-party provision only with consent, disclosure/correction/deletion.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await getRequestI18n(request);
  const env = getEnv();
  return {
    meta: { title: t("privacy.title"), siteName: t("site.name") },
    council: isJapanese(locale) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    version: PRIVACY_NOTICE_VERSION,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

const SECTIONS = ["operator", "collect", "purposes", "thirdParty", "sensitive", "security", "rights", "retention", "contact"] as const;

export const handle = { i18n: ["privacy"] };

export default function PrivacyPage() {
  const { council, version } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page prose form-page">
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.lead", { council })}</p>
      {SECTIONS.map((s) => (
        <section key={s} className="panel" aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`}>{t(`privacy.${s}.title`)}</h2>
          {(t(`privacy.${s}.body`, { returnObjects: true, council }) as unknown as string[]).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
      <p className="freshness">{t("privacy.version", { version })}</p>
    </div>
  );
}
