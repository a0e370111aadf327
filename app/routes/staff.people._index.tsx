import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { searchPeople } from "~/modules/staff/people.server";
import { cleanText } from "~/utils/text";
import { TableRegion } from "~/modules/staff/staff-ui";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const { t } = await getRequestI18n(request);
  const q = (cleanText(new URL(request.url).searchParams.get("q") ?? "") ?? "").slice(0, 100);
  return { meta: { title: t("people.search.title"), siteName: t("site.name") }, q, people: await searchPeople(q, staff.id) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["people"] };

export default function StaffPeoplePage() {
  const { q, people } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack">
      <h1>{t("people.search.title")}</h1>
      <p className="page__lead">{t("people.search.lead")}</p>
      <p>
        <Link to="/staff/people/new" className="button">
          {t("people.new.link")}
        </Link>
      </p>
      <Form method="get" className="staff-filter" role="search" aria-label={t("people.search.label")}>
        <div className="field">
          <label htmlFor="people-q">{t("people.search.words")}</label>
          <p id="people-q-hint" className="field__hint">
            {t("people.search.hint")}
          </p>
          <input id="people-q" name="q" type="search" defaultValue={q} maxLength={100} aria-describedby="people-q-hint" />
        </div>
        <button type="submit" className="button">
          {t("people.search.button")}
        </button>
      </Form>
      {q ? (
        <>
          <p role="status">{t("people.search.count", { count: people.length })}</p>
          {people.length ? (
            <TableRegion label={t("people.search.caption", { q })}>
              <table className="data-table">
                <caption>{t("people.search.caption", { q })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("people.person.name")}</th>
                    <th scope="col">{t("people.person.kana")}</th>
                    <th scope="col">{t("people.person.email")}</th>
                    <th scope="col">{t("people.person.phone")}</th>
                    <th scope="col">{t("people.person.area")}</th>
                    <th scope="col">{t("people.person.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/staff/people/${p.id}`}>{p.name}</Link>
                        {p.registeredByStaff ? <span className="tag tag--info">{t("people.person.proxy")}</span> : null}
                      </td>
                      <td>{p.nameKana || "—"}</td>
                      <td className="staff-wrap">{p.email ?? t("people.person.noEmail")}</td>
                      <td>{p.phone || "—"}</td>
                      <td>{p.area ?? "—"}</td>
                      <td>{t(`people.status.${p.status}`, { defaultValue: p.status })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
