import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { idFrom } from "~/utils/ids";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { approveAll } from "~/modules/moderation/decisions.server";
import { filterQueue, groupsWaiting, listReviewQueue, parseQueueKey } from "~/modules/moderation/queue.server";
import { QUEUE_KINDS, type QueueKind } from "~/modules/moderation/queue-kinds";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { LOCALE_NAMES, isLocale } from "~/modules/i18n/config";
import { formatDay } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

const queueKind = (value: string | null) => ((QUEUE_KINDS as readonly string[]).includes(value ?? "") ? (value as QueueKind) : null);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t, locale } = await getRequestI18n(request);
  const url = new URL(request.url);
  const filter = { kind: queueKind(url.searchParams.get("kind")), areaId: idFrom(url.searchParams.get("area")), groupId: idFrom(url.searchParams.get("group")) };
  const [all, tax] = await Promise.all([listReviewQueue(), getTaxonomy(locale)]);
  const filtered = filterQueue(all, filter);
  const areaName = new Map(tax.areas.map((a) => [a.id, a.name]));
  return {
    meta: { title: t("staff.review.title"), siteName: t("site.name") },
    total: all.length,
    entries: filtered.map((e) => ({
      key: e.key,
      kind: e.kind,
      itemKind: e.itemKind,
      itemId: e.itemId,
      title: e.title,
      group: e.group.name,
      area: e.areaId ? (areaName.get(e.areaId) ?? "") : "",
      waitingSince: formatDay(e.waitingSince, locale),
      fields: e.fields,
      trusted: e.trusted,
      // A community translation is decided on the translation review page, the same one volunteer reviewers use.
      href: e.target.kind === "translation" ? `/translate/review/${e.target.id}` : e.target.kind === "revision" ? `/staff/review/revision/${e.target.id}` : `/staff/review/${e.target.kind}/${e.target.id}`,
      language: e.locale && isLocale(e.locale) ? LOCALE_NAMES[e.locale] : "",
    })),
    filter,
    areas: tax.areas.map((a) => ({ id: a.id, name: a.name })),
    groups: await groupsWaiting(all),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const targets = formData.getAll("key").map(parseQueueKey);
  if (formData.get("intent") !== "bulk-approve" || !targets.length || targets.some((t) => t === null)) {
    return data({ error: "staff.review.bulk.noneChosen" }, { status: 400 });
  }
  const { approved, refused } = await approveAll(targets.filter((t) => t !== null), staff.id);
  const back = new URL(request.url);
  back.searchParams.set("approved", String(approved));
  if (refused) back.searchParams.set("refused", String(refused));
  return redirect(`${back.pathname}${back.search}`);
}


export default function ReviewQueue() {
  const { entries, total, filter, areas, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const approved = params.get("approved");
  const refused = params.get("refused");
  const decided = params.get("decided");
  return (
    <div className="container page stack">
      <h1>{t("staff.review.title")}</h1>
      <p className="page__lead">{t("staff.review.lead")}</p>
      {approved !== null ? (
        <p className="notice notice--info" role="status">
          {t("staff.review.bulk.done", { count: Number(approved) })}
          {refused ? ` ${t("staff.review.bulk.refused", { count: Number(refused) })}` : ""}
        </p>
      ) : null}
      {decided === "approve" || decided === "reject" ? (
        <p className="notice notice--info" role="status">
          {t(`staff.review.decided.${decided}`)}
        </p>
      ) : null}

      <Form method="get" className="filters panel" aria-label={t("staff.review.filter.label")}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="f-kind">{t("staff.review.filter.kind")}</label>
            <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
              <option value="">{t("staff.review.filter.all")}</option>
              {QUEUE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`staff.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-area">{t("staff.review.filter.area")}</label>
            <select id="f-area" name="area" defaultValue={filter.areaId ?? ""}>
              <option value="">{t("staff.review.filter.all")}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-group">{t("staff.review.filter.group")}</label>
            <select id="f-group" name="group" defaultValue={filter.groupId ?? ""}>
              <option value="">{t("staff.review.filter.all")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">
            {t("staff.review.filter.apply")}
          </button>
          <Link to="/staff/review">{t("staff.review.filter.clear")}</Link>
        </div>
      </Form>

      <p className="result-count" role="status">
        {t("staff.review.count", { count: entries.length, total })}
      </p>

      {entries.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{total === 0 ? t("staff.review.empty") : t("staff.review.emptyFiltered")}</p>
        </div>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="bulk-approve" />
          {actionData && "error" in actionData ? (
            <p className="notice notice--warn" role="alert">
              {t(actionData.error)}
            </p>
          ) : null}
          <div className="data-table-wrap">
            <table className="data-table data-table--stack">
              <caption>{t("staff.review.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staff.review.col.choose")}</th>
                  <th scope="col">{t("staff.review.col.item")}</th>
                  <th scope="col">{t("staff.review.col.kind")}</th>
                  <th scope="col">{t("staff.review.col.group")}</th>
                  <th scope="col">{t("staff.review.col.area")}</th>
                  <th scope="col">{t("staff.review.col.since")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.key}>
                    <td>
                      <input type="checkbox" name="key" value={e.key} id={`k-${e.key}`} aria-label={t("staff.review.choose", { title: e.title })} className="check" />
                    </td>
                    <td>
                      <Link to={e.href} lang="ja">
                        {e.title}
                      </Link>
                      {e.fields.length ? (
                        <p className="count">{t("staff.review.changedFields", { fields: e.fields.map((f) => t(`staff.field.${f}`)).join(t("staff.listSeparator")) })}</p>
                      ) : null}
                    </td>
                    <td data-label={t("staff.review.col.kind")}>
                      {e.kind === "edit"
                        ? t("staff.review.editOf", { kind: t(`staff.kind.${e.itemKind}`) })
                        : e.kind === "translation"
                          ? t("staff.review.translationOf", { kind: t(`staff.kind.${e.itemKind}`), language: e.language })
                          : t(`staff.kind.${e.kind}`)}
                    </td>
                    <td data-label={t("staff.review.col.group")}>
                      <span lang="ja">{e.group}</span>
                      {e.trusted ? <span className="tag tag--welcome">{t("staff.review.trusted")}</span> : null}
                    </td>
                    <td data-label={t("staff.review.col.area")}>{e.area}</td>
                    <td data-label={t("staff.review.col.since")}>{e.waitingSince}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field__hint">{t("staff.review.bulk.hint")}</p>
          <div>
            <button type="submit" className="button">
              {t("staff.review.bulk.approve")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
