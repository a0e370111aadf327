import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/detail";
import { GroupProfileForm } from "~/modules/groups/group-form";
import { getGroupProfile, updateGroupProfile } from "~/modules/groups/groups.server";
import { GroupProfileSchema } from "~/modules/groups/schemas";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params, "edit-profile");
  const { t, locale } = await getRequestI18n(request);
  const [group, tax] = await Promise.all([getGroupProfile(groupId), getTaxonomy(locale)]);
  const { id, status: _status, ...profile } = group;
  return {
    meta: { title: t("manage.profile.title"), siteName: t("site.name") },
    group: { id, name: group.name },
    profile,
    areas: tax.areas.map((a) => ({ id: a.id, name: a.name })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-profile");
  const submission = parseWithZod(await request.formData(), { schema: GroupProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await updateGroupProfile(groupId, user.id, submission.value);
  throw redirect(`/manage/groups/${groupId}?saved=1`);
}

export const handle = { i18n: ["detail", "manage"] };

export default function GroupProfilePage() {
  const { group, profile, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <Breadcrumbs items={[{ to: "/manage", label: t("manage.title") }, { to: `/manage/groups/${group.id}`, label: group.name }, { label: t("manage.profile.title") }]} />
      <h1>{t("manage.profile.title")}</h1>
      <GroupProfileForm
        id="group-profile"
        lastResult={actionData?.result}
        areas={areas}
        defaults={profile}
        heading={t("manage.profile.formTitle")}
        submitLabel={t("manage.form.save")}
        intent="save"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
