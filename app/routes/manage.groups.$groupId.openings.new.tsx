import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemPageHeader } from "~/components/item-form";
import { OpeningForm } from "~/modules/volunteering/opening-form";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { padRows } from "~/modules/forms/form-values";
import { saveOpening } from "~/modules/volunteering/commands.server";
import { afterSave, loadFormPage } from "~/modules/groups/workspace-pages.server";
import { LIMITS } from "~/modules/forms/item-schemas";
import { openingSchema } from "~/modules/volunteering/schemas";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params, "edit-items");
  const { t, group, options, today } = await loadFormPage(request, groupId);
  return {
    meta: { title: t("manage.openings.new"), siteName: t("site.name") },
    group: { id: group.id, name: group.name, status: group.status },
    options,
    today,
    defaults: { participationMode: "in-person", languages: ["ja"], shifts: Array.from({ length: LIMITS.maxShifts }, () => ({})) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const schema = openingSchema({ today: tokyoDateKey(new Date()), creating: true });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: padRows(submission.reply(), "shifts", LIMITS.maxShifts) }, { status: 400 });
  const saved = await saveOpening(groupId, user.id, null, submission.value, submission.value.intent);
  if (!saved.ok) return data({ result: padRows(submission.reply({ fieldErrors: saved.fieldErrors }), "shifts", LIMITS.maxShifts) }, { status: 400 });
  throw redirect(afterSave(groupId, "openings", saved.id, submission.value.intent, saved.status));
}

export const handle = { i18n: ["listing", "detail", "volunteering", "manage"] };

export default function NewOpening() {
  const { group, options, today, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <ItemPageHeader groupId={group.id} groupName={group.name} groupStatus={group.status} title={t("manage.openings.new")} />
      <OpeningForm lastResult={actionData?.result} defaults={defaults} options={options} status={null} today={today} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
