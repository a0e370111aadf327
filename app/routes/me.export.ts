import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMyData } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { flattenRecord, toExcelCsv } from "~/utils/csv";

/**
 * "Download my data" (APPI disclosure): everything the portal holds about the signed-in resident, as JSON, or with
 * ?format=csv as a two-column sheet (item, value) for people who open it in Excel; both hold the same fields.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportMyData(user.id);
  if (new URL(request.url).searchParams.get("format") === "csv") {
    const { t } = await getRequestI18n(request);
    const body = toExcelCsv([[t("me.exportCsvItem"), t("me.exportCsvValue")], ...flattenRecord(data)]);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="tsunagu-my-data.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tsunagu-my-data.json"`,
      "Cache-Control": "no-store",
    },
  });
}
