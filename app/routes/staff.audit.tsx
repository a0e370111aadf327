import { isPublicKind, publicPath } from "~/modules/publishing/visibility";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { AUDIT_FILTER_KEYS, auditActionLabel, auditFilterChoices, auditKindLabel, listAuditEntries, parseAuditFilter } from "~/modules/audit/log.server";
import { formatTokyoTimestamp } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 操作記録: every audit entry (staff actions, staff views of residents' personal data, organisers' recorded steps),
// newest first, 50 a page, narrowed by person, item, action and Tokyo dates. A GET form, so a filtered view is a
// link to share, and the CSV link carries the same filter.

export const headers: HeadersFunction = () => NO_STORE;


export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  const params = new URL(request.url).searchParams;
  const parsed = parseAuditFilter(params);
  const choices = await auditFilterChoices();
  const page = {
    meta: { title: t("insight.audit.title"), siteName: t("site.name") },
    actions: choices.actions.map((code) => ({ code, label: auditActionLabel(code, t) })),
    entityTypes: choices.entityTypes.map((code) => ({ code, label: auditKindLabel(code, t) })),
  };
  if (!parsed.ok) {
    // Nothing is listed under a filter that could not be read: a wrong list would look like an answer.
    return data({ ...page, values: parsed.values, errors: parsed.errors, query: "", entries: [], total: 0, page: 1, pages: 1 }, { status: 400 });
  }
  const list = await listAuditEntries(parsed.filter);
  const query = new URLSearchParams(AUDIT_FILTER_KEYS.flatMap((k) => (parsed.filter[k] === undefined ? [] : [[k, String(parsed.filter[k])]]))).toString();
  return {
    ...page,
    values: Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])),
    errors: [] as string[],
    query,
    total: list.total,
    page: list.page,
    pages: list.pages,
    entries: list.entries.map((e) => ({
      ...e,
      at: formatTokyoTimestamp(new Date(e.at)),
      actionLabel: auditActionLabel(e.action, t),
      kindLabel: auditKindLabel(e.entityType, t),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["insight"] };

export default function StaffAudit() {
  const { actions, entityTypes, values, errors, query, entries, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pageLink = (n: number) => `/staff/audit?${new URLSearchParams([...new URLSearchParams(query), ["page", String(n)]]).toString()}`;
  return (
    <div className="container page stack staff-page">
      <h1>{t("insight.audit.title")}</h1>
      <p className="page__lead">{t("insight.audit.lead")}</p>

      <Form method="get" className="audit-filter" aria-labelledby="audit-filter-h">
        <h2 id="audit-filter-h" className="visually-hidden">
          {t("insight.audit.filterHeading")}
        </h2>
        <div className="audit-filter__fields">
          <p className="field">
            <label htmlFor="audit-person">{t("insight.audit.person")}</label>
            <input id="audit-person" name="person" type="search" defaultValue={values.person} aria-describedby="audit-person-hint" />
            <span id="audit-person-hint" className="hint">
              {t("insight.audit.personHint")}
            </span>
          </p>
          <p className="field">
            <label htmlFor="audit-type">{t("insight.audit.entityType")}</label>
            <select id="audit-type" name="entityType" defaultValue={values.entityType}>
              <option value="">{t("insight.audit.any")}</option>
              {entityTypes.map((e) => (
                <option key={e.code} value={e.code}>
                  {e.label}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="audit-entity">{t("insight.audit.entityId")}</label>
            <input id="audit-entity" name="entityId" type="text" inputMode="numeric" defaultValue={values.entityId} />
          </p>
          <p className="field">
            <label htmlFor="audit-action">{t("insight.audit.action")}</label>
            <select id="audit-action" name="action" defaultValue={values.action}>
              <option value="">{t("insight.audit.any")}</option>
              {actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label === a.code ? a.code : `${a.label}（${a.code}）`}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="audit-from">{t("insight.audit.from")}</label>
            <input id="audit-from" name="from" type="date" defaultValue={values.from} />
          </p>
          <p className="field">
            <label htmlFor="audit-to">{t("insight.audit.to")}</label>
            <input id="audit-to" name="to" type="date" defaultValue={values.to} />
          </p>
        </div>
        <p className="audit-filter__buttons">
          <button type="submit" className="button button--small">
            {t("insight.audit.apply")}
          </button>
          <Link to="/staff/audit" className="button button--ghost button--small">
            {t("insight.audit.clear")}
          </Link>
          {errors.length ? null : (
            <a href={`/staff/audit.csv${query ? `?${query}` : ""}`} className="button button--ghost button--small" download>
              {t("insight.audit.downloadCsv")}
            </a>
          )}
        </p>
      </Form>

      {errors.length ? (
        <div className="notice notice--warn" role="alert">
          <ul>
            {errors.map((e) => (
              <li key={e}>{t(e)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p role="status">{t("insight.audit.count", { count: total })}</p>
          {entries.length ? (
            <div className="data-table-wrap" tabIndex={0} role="region" aria-labelledby="audit-caption">
              <table className="data-table audit-table">
                <caption id="audit-caption">{t("insight.audit.caption", { page, pages })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("insight.audit.when")}</th>
                    <th scope="col">{t("insight.audit.who")}</th>
                    <th scope="col">{t("insight.audit.action")}</th>
                    <th scope="col">{t("insight.audit.item")}</th>
                    <th scope="col">{t("insight.audit.detail")}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td className="nowrap">
                        <time dateTime={`${e.at.replace(" ", "T")}+09:00`}>{e.at}</time>
                      </td>
                      <td>
                        {e.actorId === null ? (
                          t("insight.audit.nobody")
                        ) : (
                          <Link to={`/staff/audit?person=${e.actorId}`}>
                            {e.actorName} <span className="fact__sub">#{e.actorId}</span>
                          </Link>
                        )}
                      </td>
                      <td>
                        {e.actionLabel}
                        {e.actionLabel !== e.action ? <span className="fact__sub">{e.action}</span> : null}
                      </td>
                      <td>
                        {e.entityType ? (
                          // Items link to their public page; other kinds to their own entries in this log.
                          e.entityId !== null && isPublicKind(e.entityType) ? (
                            <Link to={publicPath(e.entityType, e.entityId)}>
                              {e.kindLabel} #{e.entityId}
                            </Link>
                          ) : (
                            <Link to={`/staff/audit?entityType=${encodeURIComponent(e.entityType)}${e.entityId !== null ? `&entityId=${e.entityId}` : ""}`}>
                              {e.kindLabel}
                              {e.entityId !== null ? ` #${e.entityId}` : ""}
                            </Link>
                          )
                        ) : null}
                      </td>
                      <td>
                        {Object.keys(e.detail).length ? (
                          <dl className="audit-detail">
                            {Object.entries(e.detail).map(([k, v]) => (
                              <div key={k}>
                                <dt>{k}</dt>
                                <dd>{v}</dd>
                              </div>
                            ))}
                          </dl>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {pages > 1 ? (
            <nav className="pager" aria-label={t("insight.audit.pages")}>
              {page > 1 ? (
                <Link to={pageLink(page - 1)} rel="prev" className="button button--ghost button--small">
                  {t("insight.audit.newer")}
                </Link>
              ) : null}
              <span>{t("insight.audit.pageOf", { page, pages })}</span>
              {page < pages ? (
                <Link to={pageLink(page + 1)} rel="next" className="button button--ghost button--small">
                  {t("insight.audit.older")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
