import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isStaff, requireUser } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { LOCALE_NAMES, type Locale } from "~/modules/i18n/config";
import { canReviewTranslations, getSubmission, reviewSubmission } from "~/modules/translation/community.server";
import { SUBMISSION_STATUS } from "~/modules/i18n/content-fields";
import { text } from "~/utils/text";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { formatDay } from "~/utils/dates";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The second reading of a community translation: staff (from the review queue) or a volunteer with enough reviewed
// translations of their own compare it with the original and approve it, or send it back with a reason.

export const headers: HeadersFunction = () => NO_STORE;

/** Reviewers only; for anyone else the page does not exist (the same 404 as an unknown id). */
async function requireReviewer(request: Request) {
  const user = await requireUser(request);
  if (!(await canReviewTranslations(user))) notFound();
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireReviewer(request);
  const submission = await getSubmission(parseIdParam(params.id));
  if (!submission) notFound();
  const { t, locale } = await getRequestI18n(request);
  return {
    meta: { title: t("translate.reviewTitle", { name: submission.item.title }), siteName: t("site.name") },
    id: submission.id,
    title: submission.item.title,
    locale: submission.locale,
    status: submission.status,
    reason: submission.reason,
    ownWork: submission.translatorId === user.id,
    date: formatDay(submission.createdAt, locale),
    fields: submission.fields,
    back: isStaff(user) ? "/staff/review" : "/translate",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

const reasonField = text({ max: 500, multiline: true });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireReviewer(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "approve" && intent !== "reject") return data({ error: "translate.errors.badInput" }, { status: 400 });
  const reason = reasonField.safeParse(typeof form.get("reason") === "string" && form.get("reason") !== "" ? form.get("reason") : undefined);
  if (!reason.success) return data({ error: reason.error.issues[0]!.message }, { status: 400 });
  const result = await reviewSubmission(parseIdParam(params.id), intent, user, reason.data);
  if (!result.ok) {
    const status = result.refusal === "own-work" ? 403 : result.refusal === "not-found" ? 404 : 400;
    return data({ error: `translate.errors.${result.refusal}` }, { status });
  }
  throw redirect(isStaff(user) ? `/staff/review?decided=${intent}` : "/translate?reviewed=1");
}

export const handle = { i18n: ["translation"] };

export default function ReviewTranslation() {
  const { title, locale, status, reason, ownWork, date, fields, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const language = LOCALE_NAMES[locale as Locale];
  return (
    <div className="container page stack form-page translation-page">
      <p>
        <Link to={back}>{t("translate.back")}</Link>
      </p>
      <h1>
        {t("translate.reviewHeading")}: <span lang="ja">{title}</span>
      </h1>
      <p className="page__lead">
        <span lang={locale}>{language}</span> · {date} · {t(`translate.status.${status}`)}
      </p>
      {actionData && "error" in actionData ? (
        <p className="notice notice--warn" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {fields.map((f) => (
        <section key={f.field} className="translation-grid" aria-labelledby={`r-${f.field}`}>
          <div className="translation-grid__original">
            <h2 className="translation-grid__label" id={`r-${f.field}`}>
              {t(`translation.field.${f.field}`)}
            </h2>
            <p className="translation-grid__text" lang="ja">
              {f.original}
            </p>
          </div>
          <div className="translation-grid__target">
            <p className="translation-grid__label">{t("translation.inLanguage", { field: t(`translation.field.${f.field}`), language })}</p>
            <p className="translation-grid__text" lang={locale}>
              {f.value}
            </p>
          </div>
        </section>
      ))}
      {status === SUBMISSION_STATUS.rejected && reason ? (
        <p className="notice notice--warn">
          {t("translate.reason")}: {reason}
        </p>
      ) : null}
      {status !== SUBMISSION_STATUS.pending ? null : ownWork ? (
        <p className="notice notice--info">{t("translate.errors.own-work")}</p>
      ) : (
        <div className="translation-decide">
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <button type="submit" className="button">
              {t("translate.approve")}
            </button>
          </Form>
          <Form method="post" className="panel stack">
            <input type="hidden" name="intent" value="reject" />
            <div className="field">
              <label htmlFor="review-reason">{t("translate.reasonLabel")}</label>
              <p className="field__hint" id="review-reason-hint">
                {t("translate.reasonHint")}
              </p>
              <textarea id="review-reason" name="reason" rows={3} maxLength={500} required aria-describedby="review-reason-hint" />
            </div>
            <div>
              <button type="submit" className="button button--ghost">
                {t("translate.sendBack")}
              </button>
            </div>
          </Form>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
