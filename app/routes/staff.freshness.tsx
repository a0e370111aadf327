import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { STALE_AFTER_MONTHS } from "~/modules/places/freshness";
import { CONFIRMED_VIA, confirmPlace, listOverduePlaces, sendConfirmReminder } from "~/modules/places/freshness.server";
import { FreshnessActionSchema } from "~/modules/staff/freshness-schema";
import { formatDate, formatTime } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 要確認の居場所: published places whose group has not confirmed them for STALE_AFTER_MONTHS, oldest first. Staff
// who reached the group by phone confirm on its behalf (audited as theirs), or send the reminder email again.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("insight.freshness.title"), siteName: t("site.name") }, places: await listOverduePlaces() };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: FreshnessActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const { intent, placeId } = submission.value;
  if (intent === "confirm") {
    const confirmed = await confirmPlace({ placeId, via: CONFIRMED_VIA.phone, actorId: staff.id });
    if (!confirmed) return data({ result: submission.reply({ formErrors: ["insight.freshness.errors.notOverdue"] }), done: null }, { status: 400 });
    return { result: submission.reply({ resetForm: true }), done: "confirmed" as const };
  }
  const sent = await sendConfirmReminder(placeId, { again: true, actorId: staff.id });
  if (!sent) return data({ result: submission.reply({ formErrors: ["insight.freshness.errors.noOwner"] }), done: null }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), done: "reminded" as const };
}

export const handle = { i18n: ["insight"] };

export default function StaffFreshness() {
  const { places } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const errors = answer?.result.error?.[""] ?? (answer?.result.status === "error" ? ["insight.freshness.errors.invalid"] : []);
  return (
    <div className="container page stack staff-page">
      <h1>{t("insight.freshness.title")}</h1>
      <p className="page__lead">{t("insight.freshness.lead", { months: STALE_AFTER_MONTHS })}</p>
      {answer?.done ? (
        <p className="notice notice--info" role="status">
          {t(`insight.freshness.done.${answer.done}`)}
        </p>
      ) : null}
      {errors.length ? (
        <p className="notice notice--warn" role="alert">
          {errors.map((e) => t(e)).join(" ")}
        </p>
      ) : null}
      {places.length === 0 ? (
        <p className="notice notice--info">{t("insight.freshness.none")}</p>
      ) : (
        <div className="data-table-wrap" tabIndex={0} role="region" aria-labelledby="freshness-caption">
          <table className="data-table freshness-table">
            <caption id="freshness-caption">{t("insight.freshness.caption", { count: places.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("insight.freshness.place")}</th>
                <th scope="col">{t("insight.freshness.group")}</th>
                <th scope="col">{t("insight.freshness.lastConfirmed")}</th>
                <th scope="col">{t("insight.freshness.reminder")}</th>
                <th scope="col">{t("insight.freshness.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {places.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/places/${p.id}`} lang="ja">
                      {p.name}
                    </Link>
                  </th>
                  <td>
                    <span lang="ja">{p.groupName}</span>
                    {p.contact.phone ? (
                      <span className="fact__sub">
                        {t("insight.freshness.contact")}
                        <span lang="ja">{p.contact.name ? `${p.contact.name} ` : ""}</span>
                        <a href={`tel:${p.contact.phone}`}>{p.contact.phone}</a>
                      </span>
                    ) : null}
                  </td>
                  <td className="nowrap">{p.lastConfirmedAt ? formatDate(new Date(p.lastConfirmedAt), lng) : t("insight.freshness.never")}</td>
                  <td className="nowrap">
                    {p.confirmReminderAt && p.remindedThisPeriod
                      ? `${formatDate(new Date(p.confirmReminderAt), lng)} ${formatTime(new Date(p.confirmReminderAt), lng)}`
                      : t("insight.freshness.notSent")}
                    {p.owners === 0 ? <span className="fact__sub">{t("insight.freshness.noOwner")}</span> : null}
                  </td>
                  <td>
                    <div className="freshness-actions">
                      <Form method="post">
                        <input type="hidden" name="placeId" value={p.id} />
                        <button type="submit" name="intent" value="confirm" className="button button--small">
                          {t("insight.freshness.confirmByPhone")}
                          <span className="visually-hidden">{t("insight.freshness.forPlace", { name: p.name })}</span>
                        </button>
                      </Form>
                      {p.owners > 0 ? (
                        <Form method="post">
                          <input type="hidden" name="placeId" value={p.id} />
                          <button type="submit" name="intent" value="remind" className="button button--ghost button--small">
                            {t("insight.freshness.remindAgain")}
                            <span className="visually-hidden">{t("insight.freshness.forPlace", { name: p.name })}</span>
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
