import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { computeDashboard } from "~/modules/dashboard/figures.server";
import { dashboardCsv, fiscalYearChoices, parseFiscalYear } from "~/modules/dashboard/report.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";

/** Every figure of a fiscal year as CSV for the yearly report (UTF-8 with BOM for Excel); staff only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t, locale } = await getRequestI18n(request);
  const fiscalYear = parseFiscalYear(new URL(request.url).searchParams.get("fy"), await fiscalYearChoices());
  if (fiscalYear === null) {
    return new Response(t("insight.dashboard.badYearPlain"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const [dashboard, taxonomy] = await Promise.all([computeDashboard(fiscalYear), getTaxonomy(locale)]);
  const names = { areas: Object.fromEntries(taxonomy.areas.map((a) => [a.slug, a.name])), audiences: Object.fromEntries(taxonomy.audiences.map((a) => [a.slug, a.name])) };
  return new Response(dashboardCsv(dashboard, t, names, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tsunagu-figures-fy${fiscalYear}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
