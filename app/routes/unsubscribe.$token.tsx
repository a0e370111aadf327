import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { digestLinkState, unsubscribeFromDigest } from "~/modules/matching/unsubscribe.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The weekly digest's unsubscribe link, /unsubscribe/:token, without signing in. Opening it (as mail scanners do with
// every link) only shows one button; pressing it, or a mail provider's one-click POST of `List-Unsubscribe=One-Click`
// (RFC 8058, sent without cookies or an Origin of ours: server/request-guard.js lets exactly this path through),
// turns the digest off. The token is in the path, so no page here may pass it on: no referrer at all.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("unsubscribe.title"), siteName: t("site.name") }, state: await digestLinkState(params.token ?? "") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ params }: ActionFunctionArgs) {
  // Whatever the body says (our button, or the provider's List-Unsubscribe=One-Click), the answer is the same:
  // the token alone decides.
  const result = await unsubscribeFromDigest(params.token ?? "");
  if (!result.ok) return data({ done: false as const, error: result.reason }, { status: 400 });
  return { done: true as const, error: null };
}

export const handle = { i18n: ["account"] };

export default function UnsubscribePage() {
  const { state } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const problem = answer && !answer.done ? answer.error : state === "invalid" || state === "expired" ? state : null;
  return (
    <div className="container page stack form-page">
      <h1>{t("unsubscribe.title")}</h1>
      {answer?.done || (!answer && state === "unsubscribed") ? (
        <>
          <p className="notice notice--info" role="status">
            {t(answer?.done ? "unsubscribe.done" : "unsubscribe.already")}
          </p>
          <p>{t("unsubscribe.again")}</p>
          <p>
            <Link to="/me/profile">{t("unsubscribe.profileLink")}</Link>
          </p>
        </>
      ) : problem ? (
        <>
          <p className="notice notice--warn" role="alert">
            {t(problem === "expired" ? "unsubscribe.expired" : "unsubscribe.invalid")}
          </p>
          <p>
            <Link to="/me/profile">{t("unsubscribe.profileLink")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="form stack">
          <p>{t("unsubscribe.question")}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" className="button">
            {t("unsubscribe.button")}
          </button>
          <p className="hint">{t("unsubscribe.note")}</p>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
