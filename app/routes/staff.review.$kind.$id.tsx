import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/detail";
import { StatusTag } from "~/components/status-tag";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { decide } from "~/modules/moderation/decisions.server";
import { DecisionSchema, REVIEW_PAGE_KINDS, loadReviewPage, type ReviewPageKind } from "~/modules/moderation/review-page.server";
import { formatDay } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

function parseKind(value: string | undefined): ReviewPageKind {
  if (!(REVIEW_PAGE_KINDS as readonly string[]).includes(value ?? "")) notFound();
  return value as ReviewPageKind;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const kind = parseKind(params.kind);
  const id = parseIdParam(params.id);
  const { t, locale } = await getRequestI18n(request);
  const page = await loadReviewPage(kind, id);
  if (!page) notFound();
  return {
    meta: {
      title: t("staff.review.itemTitle", { title: page.subject.title }),
      siteName: t("site.name"),
    },
    ...page,
    subject: {
      ...page.subject,
      updatedAt: formatDay(page.subject.updatedAt, locale),
    },
    history: page.history.map((h) => ({
      ...h,
      at: formatDay(new Date(h.at), locale),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const kind = parseKind(params.kind);
  const id = parseIdParam(params.id);
  const parsed = DecisionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return data({ error: issue.message, field: String(issue.path[0] ?? "") }, { status: 400 });
  }
  const result = await decide({ kind, id }, parsed.data.intent, {
    staffId: staff.id,
    reason: parsed.data.reason,
  });
  if (result.ok) return redirect(`/staff/review?decided=${parsed.data.intent}`);
  if (result.refusal === "reason-required") return data({ error: "staff.review.reasonRequired", field: "reason" }, { status: 400 });
  if (result.refusal === "not-found") notFound();
  return data({ error: "staff.review.alreadyDecided", field: "" }, { status: 409 });
}

export const handle = { i18n: ["detail", "manage"] };

export default function ReviewItem() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { subject } = page;
  const kindLabel = page.kind === "revision" ? t("staff.review.editOf", { kind: t(`staff.kind.${page.itemKind}`) }) : t(`staff.kind.${page.kind}`);
  const reasonError = actionData?.field === "reason" ? actionData.error : null;
  const formError = actionData && actionData.field !== "reason" ? actionData.error : null;
  const decision = (
    <>
      {page.decidable ? (
        <section className="panel stack" aria-labelledby="decide-h">
          <h2 id="decide-h">{t("staff.review.decideTitle")}</h2>
          {formError ? (
            <p className="notice notice--warn" role="alert">
              {t(formError)}
            </p>
          ) : null}
          <Form method="post" className="form decision-form stack">
            <div className="field">
              <label htmlFor="reason">{t("staff.review.reason")}</label>
              <p className="field__hint" id="reason-hint">
                {t("staff.review.reasonHint")}
              </p>
              <textarea
                id="reason"
                name="reason"
                rows={4}
                maxLength={1000}
                aria-describedby={reasonError ? "reason-hint reason-error" : "reason-hint"}
                aria-invalid={reasonError ? true : undefined}
              />
              {reasonError ? (
                <p className="field__error" id="reason-error">
                  {t(reasonError)}
                </p>
              ) : null}
            </div>
            <div className="filters__actions">
              <button type="submit" name="intent" value="approve" className="button" disabled={navigation.state === "submitting"}>
                {page.kind === "revision" ? t("staff.review.approveEdit") : t("staff.review.approve")}
              </button>
              <button type="submit" name="intent" value="reject" className="button button--ghost" disabled={navigation.state === "submitting"}>
                {page.kind === "revision" ? t("staff.review.rejectEdit") : t("staff.review.reject")}
              </button>
            </div>
          </Form>
        </section>
      ) : (
        <p className="notice notice--info">{t("staff.review.notWaiting")}</p>
      )}
    </>
  );
  return (
    <div className="container page stack">
      <Breadcrumbs items={[{ to: "/staff", label: t("staff.title") }, { to: "/staff/review", label: t("staff.review.title") }, { label: subject.title }]} />
      <p className="card__kicker">{kindLabel}</p>
      <h1 lang="ja">{subject.title}</h1>
      <p>
        <StatusTag status={page.kind === "revision" ? subject.status : page.state} kind={page.kind === "group" ? "group" : "item"} />{" "}
        {t("staff.review.byGroup")} <span lang="ja">{subject.group.name}</span>
        {" · "}
        {t("staff.review.updated", { date: subject.updatedAt })}
      </p>
      <p className="links-below">
        {page.publicPath ? <Link to={page.publicPath}>{t("staff.review.publicPage")}</Link> : null}
        {page.kind !== "group" ? <Link to={`/staff/groups/${subject.group.id}`}>{t("staff.review.groupPage")}</Link> : null}
      </p>

      {page.kind === "revision" ? (
        <section className="stack" aria-labelledby="changes-h">
          <h2 id="changes-h">{t("staff.review.changesTitle")}</h2>
          <p>{t("staff.review.changesLead")}</p>
          <div className="diff">
            {page.changes.map((c) => (
              <div key={c.field} className="diff__row diff__row--changed">
                <p className="diff__label">{t(`staff.field.${c.field}`)}</p>
                <p className="diff__before" lang="ja">
                  <span className="visually-hidden">{t("staff.review.before")}：</span>
                  <del>{c.before || t("staff.review.emptyValue")}</del>
                </p>
                <p className="diff__after" lang="ja">
                  <span className="tag tag--info">{t("staff.review.after")}</span> <ins>{c.after || t("staff.review.emptyValue")}</ins>
                </p>
              </div>
            ))}
          </div>
        </section>
      ) : null}
      {page.kind === "revision" ? decision : null}

      <section className="stack" aria-labelledby="preview-h">
        <h2 id="preview-h">{page.kind === "revision" ? t("staff.review.publicNow") : t("staff.review.preview")}</h2>
        {page.kind !== "revision" ? (
          <p>
            {page.firstReview
              ? t("staff.review.firstReview")
              : t("staff.review.sinceLast", {
                  count: page.fields.filter((f) => f.changed).length,
                })}
          </p>
        ) : null}
        <div className="diff">
          {page.fields.map((f) =>
            f.text || f.before ? (
              <div key={f.field} className={`diff__row${f.changed ? " diff__row--changed" : ""}`}>
                <p className="diff__label">
                  {t(`staff.field.${f.field}`)}
                  {f.changed ? <span className="tag tag--warn">{t("staff.review.changed")}</span> : null}
                </p>
                {f.changed ? (
                  <p className="diff__before" lang="ja">
                    <span className="visually-hidden">{t("staff.review.before")}：</span>
                    <del>{f.before || t("staff.review.emptyValue")}</del>
                  </p>
                ) : null}
                <p className="diff__after" lang="ja">
                  {f.text || t("staff.review.emptyValue")}
                </p>
              </div>
            ) : null
          )}
        </div>
      </section>
      {page.kind !== "revision" ? decision : null}

      <section className="stack" aria-labelledby="history-h">
        <h2 id="history-h">{t("staff.review.history")}</h2>
        {page.history.length ? (
          <ul className="link-list">
            {page.history.map((h) => (
              <li key={h.id}>
                {h.at} {t(`staff.action.${h.action}`)} {h.staff ? `（${h.staff}）` : ""}
                {h.reason ? (
                  <>
                    {" "}
                    {t("staff.review.reasonShown")}：<span lang="ja">{h.reason}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("staff.review.noHistory")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
