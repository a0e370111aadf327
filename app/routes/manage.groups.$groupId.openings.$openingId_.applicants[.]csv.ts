import type { LoaderFunctionArgs } from "@remix-run/node";
import { applicantsCsv } from "~/modules/participation/organiser.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { notFound, parseIdParam } from "~/utils/http.server";

/** Applicants as CSV for Excel (UTF-8 with BOM); only members of an approved group, only consented contact details. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const openingId = parseIdParam(params.openingId);
  const { groupId, user: member } = await requireWorkspace(request, params, "export-contacts");
  const { t, locale } = await getRequestI18n(request);
  const file = await applicantsCsv(groupId, openingId, t, locale);
  if (!file) notFound();
  await recordAudit(prisma, { actorId: member.id, action: "applicants.exported", entityType: "opening", entityId: openingId });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
