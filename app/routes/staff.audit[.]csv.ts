import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { auditCsv, parseAuditFilter } from "~/modules/audit/log.server";
import { tokyoDateKey } from "~/utils/dates";

/** The audit log as CSV, with the same filters as /staff/audit (UTF-8 with BOM for Excel); staff only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  const parsed = parseAuditFilter(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return new Response(parsed.errors.map((e) => t(e)).join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(await auditCsv(parsed.filter, t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tsunagu-audit-${tokyoDateKey(new Date())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
