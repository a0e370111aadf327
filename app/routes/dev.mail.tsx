import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mailViewerEnabled, listRecentEmails } from "~/modules/email/viewer.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { notFound } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Development mail viewer: only on a loopback-bound server, for loopback visitors, with no email provider (viewer.server.ts). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!mailViewerEnabled(context)) notFound();
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("devMail.title"), siteName: t("site.name") }, emails: await listRecentEmails() };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["system"] };

export default function DevMailPage() {
  const { emails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page">
      <h1>{t("devMail.title")}</h1>
      <p className="notice notice--info">{t("devMail.lead")}</p>
      {emails.length === 0 ? <p>{t("devMail.empty")}</p> : null}
      {emails.map((m) => (
        <article key={m.id} className="mail" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="fact__sub">
            {t("devMail.to")}: {m.toAddress} · {m.createdAt} · {m.status}
          </p>
          <pre lang={m.locale}>{m.textBody}</pre>
        </article>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
