import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventForm } from "~/modules/events/event-form";
import { ItemPageHeader } from "~/components/item-form";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { saveEvent } from "~/modules/events/commands.server";
import { afterSave, loadFormPage } from "~/modules/groups/workspace-pages.server";
import { eventSchema } from "~/modules/events/schemas";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params, "edit-items");
  const { t, group, options, today } = await loadFormPage(request, groupId);
  return {
    meta: { title: t("manage.events.new"), siteName: t("site.name") },
    group: { id: group.id, name: group.name, status: group.status },
    options,
    today,
    defaults: { kind: "once", closeMode: "start", repeat: "weekly", languages: ["ja"], seriesStart: today },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const schema = eventSchema({ today: tokyoDateKey(new Date()), creating: true });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await saveEvent(groupId, user.id, null, submission.value, submission.value.intent);
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
  throw redirect(afterSave(groupId, "events", saved.id, submission.value.intent, saved.status));
}

export const handle = { i18n: ["listing", "detail", "events", "manage"] };

export default function NewEvent() {
  const { group, options, today, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <ItemPageHeader groupId={group.id} groupName={group.name} groupStatus={group.status} title={t("manage.events.new")} />
      <EventForm lastResult={actionData?.result} defaults={defaults} options={options} status={null} today={today} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
