import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { CONFIRMED_VIA, confirmPlace, findPlaceForConfirmLink } from "~/modules/places/freshness.server";
import { parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The one-click 「内容は変わりません」 link of the 要確認 reminder: /places/:id/confirm?token=… . Mail scanners open
// every GET link in an email, so opening it only shows the place's name and one button; pressing it (POST) confirms.
// No account needed: the token is the permission, and it stops working once used. It never leaves this site:
// "same-origin", not "no-referrer", because under no-referrer a browser posts the form with `Origin: null`, which the
// cross-site check (server/request-guard.js) rightly refuses, and the button would not work without JavaScript.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const placeId = parseIdParam(params.id);
  const { t } = await getRequestI18n(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const place = await findPlaceForConfirmLink(placeId, token);
  return { meta: { title: t("insight.confirm.title"), siteName: t("site.name") }, place, token: place ? token : "" };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const placeId = parseIdParam(params.id);
  const token = String((await request.formData()).get("token") ?? "");
  const confirmed = await confirmPlace({ placeId, via: CONFIRMED_VIA.link, token });
  if (!confirmed) return data({ confirmed: false, placeId: null }, { status: 400 });
  return { confirmed: true, placeId };
}

export const handle = { i18n: ["insight"] };

export default function ConfirmPlacePage() {
  const { place, token } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <h1>{t("insight.confirm.title")}</h1>
      {answer?.confirmed && answer.placeId ? (
        <>
          <p className="notice notice--info" role="status">
            {t("insight.confirm.done")}
          </p>
          <p>
            <Link to={`/places/${answer.placeId}`}>{t("insight.confirm.view")}</Link>
          </p>
        </>
      ) : answer && !answer.confirmed ? (
        <p className="notice notice--warn" role="alert">
          {t("insight.confirm.invalid")}
        </p>
      ) : place ? (
        <Form method="post" className="form stack">
          <p>{t("insight.confirm.question")}</p>
          <p className="confirm-place__name" lang="ja">
            {place.name}
          </p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            {t("insight.confirm.button")}
          </button>
          <p className="hint">{t("insight.confirm.changed")}</p>
        </Form>
      ) : (
        <p className="notice notice--warn">{t("insight.confirm.invalid")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
