import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { formatNumber } from "~/utils/dates";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { computeDashboard } from "~/modules/dashboard/figures.server";
import { figuresOfMeasure, measureMark, NO_AREA, yearScope, type FigureId } from "~/modules/dashboard/plan";
import { MonthChart } from "~/modules/dashboard/month-chart";
import { breakdownEntries, breakdownLabel, fiscalYearChoices, listPlanMeasures, monthLabels, parseFiscalYear } from "~/modules/dashboard/report.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 計画の指標: the welfare plan's measures ⑥–⑰ and the figures that evidence each, for one fiscal year (April–March),
// per month (a bar chart with its table) and per area, plus the CSV of every number for the yearly report.
// Server-rendered throughout: the year is a GET form, the charts are SVG, nothing needs JavaScript.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t, locale } = await getRequestI18n(request);
  const choices = await fiscalYearChoices();
  const asked = parseFiscalYear(new URL(request.url).searchParams.get("fy"), choices);
  const fiscalYear = asked ?? choices[0]!;
  const [dashboard, measures, taxonomy] = await Promise.all([computeDashboard(fiscalYear), listPlanMeasures(locale), getTaxonomy(locale)]);
  const areaNames = Object.fromEntries(taxonomy.areas.map((a) => [a.slug, a.name]));
  const audienceNames = Object.fromEntries(taxonomy.audiences.map((a) => [a.slug, a.name]));
  const page = {
    meta: { title: t("insight.dashboard.title"), siteName: t("site.name") },
    fiscalYear,
    choices,
    badYear: asked === null,
    monthLabels: monthLabels(dashboard.months, locale),
    areas: [...dashboard.areas.map((a) => ({ slug: a.slug, name: areaNames[a.slug] ?? a.name })), { slug: NO_AREA, name: t("insight.dashboard.noArea") }],
    measures,
    figures: dashboard.figures,
    breakdowns: dashboard.breakdowns.map((b) => ({
      id: b.id,
      rows: breakdownEntries(b).map(([key, value]) => ({ key, label: breakdownLabel(b.id, key, t, { areas: areaNames, audiences: audienceNames }), value })),
    })),
  };
  // An unknown year is answered with the current one and a clear message, as a 400 (nothing to guess).
  return asked === null ? data(page, { status: 400 }) : page;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["insight", "listing"] };

export default function StaffDashboard() {
  const { fiscalYear, choices, badYear, monthLabels: months, areas, measures, figures, breakdowns } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = (n: number) => formatNumber(n, i18n.language, { maximumFractionDigits: 1 });
  const figureName = (id: FigureId) => t(`insight.dashboard.figure.${id}`);
  return (
    <div className="container page stack staff-page dashboard">
      <h1>{t("insight.dashboard.title")}</h1>
      <p className="page__lead">{t("insight.dashboard.lead")}</p>
      {badYear ? (
        <p className="notice notice--warn" role="alert">
          {t("insight.dashboard.badYear", { year: fiscalYear })}
        </p>
      ) : null}

      <div className="dashboard__controls">
        <Form method="get" className="inline-form">
          <label htmlFor="fy">{t("insight.dashboard.fiscalYear")}</label>
          <select id="fy" name="fy" defaultValue={String(fiscalYear)}>
            {choices.map((y) => (
              <option key={y} value={y}>
                {t("insight.dashboard.fiscalYearOption", { year: y, next: y + 1 })}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small">
            {t("insight.dashboard.show")}
          </button>
        </Form>
        <a className="button button--ghost button--small" href={`/staff/dashboard.csv?fy=${fiscalYear}`} download>
          {t("insight.dashboard.downloadCsv", { year: fiscalYear })}
        </a>
      </div>

      <section aria-labelledby="measures-h" className="stack">
        <h2 id="measures-h">{t("insight.dashboard.measuresHeading", { year: fiscalYear })}</h2>
        <div className="data-table-wrap" tabIndex={0} role="region" aria-labelledby="measures-caption">
          <table className="data-table">
            <caption id="measures-caption">{t("insight.dashboard.measuresCaption", { year: fiscalYear })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("insight.dashboard.measure")}</th>
                <th scope="col">{t("insight.dashboard.figures")}</th>
                <th scope="col" className="num">
                  {t("insight.dashboard.yearFigure")}
                </th>
              </tr>
            </thead>
            <tbody>
              {measures.flatMap((m) => {
                const ids = figuresOfMeasure(m.number);
                const head = (
                  <th scope="row" rowSpan={Math.max(ids.length, 1)}>
                    {measureMark(m.number)} <span lang={m.lang}>{m.title}</span>
                  </th>
                );
                if (!ids.length) {
                  return [
                    <tr key={m.number}>
                      {head}
                      <td colSpan={2} className="muted">
                        {t("insight.dashboard.notCounted")}
                      </td>
                    </tr>,
                  ];
                }
                return ids.map((id, i) => {
                  const f = figures.find((x) => x.id === id)!;
                  return (
                    <tr key={`${m.number}-${id}`}>
                      {i === 0 ? head : null}
                      <td>
                        <a href={`#figure-${id}`}>{figureName(id)}</a>
                      </td>
                      <td className="num">
                        {format(f.total)}
                        {f.kind === "stock" ? <span className="fact__sub">{t("insight.dashboard.scope.yearEnd")}</span> : null}
                      </td>
                    </tr>
                  );
                });
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="months-h" className="stack">
        <h2 id="months-h">{t("insight.dashboard.monthsHeading")}</h2>
        <div className="dashboard__charts">
          {figures.map((f) => (
            <div key={f.id} id={`figure-${f.id}`} className="dashboard__chart">
              <MonthChart
                id={`chart-${f.id}`}
                title={t("insight.dashboard.chartTitle", { figure: figureName(f.id), measures: f.measures.map(measureMark).join("・") })}
                monthLabels={months}
                values={f.byMonth}
                total={f.total}
                totalLabel={t(`insight.dashboard.scope.${yearScope(f)}`)}
                monthHeader={t("insight.dashboard.scope.month")}
                valueHeader={figureName(f.id)}
                formatValue={format}
              />
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="areas-h" className="stack">
        <h2 id="areas-h">{t("insight.dashboard.areasHeading")}</h2>
        <div className="data-table-wrap" tabIndex={0} role="region" aria-labelledby="areas-caption">
          <table className="data-table dashboard__areas">
            <caption id="areas-caption">{t("insight.dashboard.areasCaption", { year: fiscalYear })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("insight.dashboard.figure.heading")}</th>
                {areas.map((a) => (
                  <th key={a.slug} scope="col" className="num">
                    {a.name}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("insight.dashboard.yearFigure")}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{figureName(f.id)}</th>
                  {areas.map((a) => (
                    <td key={a.slug} className="num">
                      {format(f.byArea[a.slug] ?? 0)}
                    </td>
                  ))}
                  <td className="num">{format(f.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="breakdowns-h" className="stack">
        <h2 id="breakdowns-h">{t("insight.dashboard.breakdownsHeading")}</h2>
        <div className="dashboard__breakdowns">
          {breakdowns.map((b) => (
            <div key={b.id} className="data-table-wrap">
              <table className="data-table">
                <caption>{t(`insight.dashboard.breakdown.${b.id}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`insight.dashboard.scope.${b.id}`)}</th>
                    <th scope="col" className="num">
                      {t("insight.dashboard.count")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.rows.length ? (
                    b.rows.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{r.label}</th>
                        <td className="num">{format(r.value)}</td>
                      </tr>
                    ))
                  ) : (
                    <tr>
                      <td colSpan={2}>{t("insight.dashboard.noneYet")}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          ))}
        </div>
        <p className="hint">{t("insight.dashboard.breakdownsNote")}</p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
