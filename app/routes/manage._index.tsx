import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/detail";
import { StatusTag } from "~/components/status-tag";
import { GroupProfileForm } from "~/modules/groups/group-form";
import { requireUser } from "~/modules/auth/permissions.server";
import { acceptInvite, GroupRuleError, listInvitesFor, listMyGroups, registerGroup } from "~/modules/groups/groups.server";
import { GroupProfileSchema } from "~/modules/groups/schemas";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { countSignups } from "~/modules/participation/organiser.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestI18n(request);
  const [groups, invites, tax] = await Promise.all([listMyGroups(user.id), listInvitesFor(user.email), getTaxonomy(locale)]);
  const counts = await countSignups(groups.map((g) => g.id));
  return {
    meta: { title: t("manage.title"), siteName: t("site.name") },
    groups: groups.map((g) => ({ ...g, ...(counts.byGroup.get(g.id) ?? { pending: 0, upcoming: 0 }) })),
    invites,
    areas: tax.areas.map((a) => ({ id: a.id, name: a.name })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "accept-invite") {
    const inviteId = Number(formData.get("inviteId"));
    const accepted = Number.isSafeInteger(inviteId) && inviteId > 0 ? await acceptInvite(user, { id: inviteId }) : null;
    if (!accepted) throw redirect("/manage?invite=invalid");
    throw redirect(`/manage/groups/${accepted.groupId}?joined=1`);
  }
  const submission = parseWithZod(formData, { schema: GroupProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const group = await registerGroup(user.id, submission.value);
    throw redirect(`/manage/groups/${group.id}?registered=1`);
  } catch (error) {
    if (error instanceof GroupRuleError) return data({ result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 400 });
    throw error;
  }
}

export const handle = { i18n: ["detail", "volunteering", "participation", "manage"] };

export default function ManageHome() {
  const { groups, invites, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container page stack">
      <Breadcrumbs items={[{ to: "/me", label: t("nav.me") }, { label: t("manage.title") }]} />
      <h1>{t("manage.title")}</h1>
      <p className="page__lead">{t("manage.lead")}</p>
      {params.get("invite") === "invalid" ? (
        <p className="notice notice--warn" role="alert">
          {t("manage.invite.invalid")}
        </p>
      ) : null}

      {invites.length ? (
        <section className="panel" aria-labelledby="invites-h">
          <h2 id="invites-h">{t("manage.invite.forYou")}</h2>
          <ul className="link-list">
            {invites.map((inv) => (
              <li key={inv.id}>
                <Form method="post" className="filters__actions">
                  <span lang="ja">{inv.groupName}</span>（{t(`groupRole.${inv.role}`)}）
                  <input type="hidden" name="inviteId" value={inv.id} />
                  <button type="submit" name="intent" value="accept-invite" className="button button--ghost">
                    {t("manage.invite.accept")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {groups.length ? (
        <section className="panel" aria-labelledby="groups-h">
          <h2 id="groups-h">{t("manage.myGroups")}</h2>
          <ul className="link-list" id="my-groups">
            {groups.map((g) => (
              <li key={g.id}>
                <Link to={`/manage/groups/${g.id}`} lang="ja" className="group-summary__name">
                  {g.name}
                </Link>{" "}
                <StatusTag status={g.status} kind="group" /> <span className="tag tag--plain">{t(`groupRole.${g.role}`)}</span>
                <p className="group-summary__counts">
                  <span className={`tag ${g.pending ? "tag--warn" : "tag--plain"}`} data-testid={`group-pending-${g.id}`}>
                    {t("manage.counts.pending", { count: g.pending })}
                  </span>
                  <span className={`tag ${g.upcoming ? "tag--info" : "tag--plain"}`} data-testid={`group-upcoming-${g.id}`}>
                    {t("manage.counts.upcoming", { count: g.upcoming })}
                  </span>
                </p>
                {g.status === "pending" ? <p className="field__hint">{t("manage.pendingNote")}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {groups.length ? (
        // Someone with a group came for it: registering another stays one click away, behind a disclosure that
        // opens by itself when its form comes back with errors (and works without JavaScript).
        <details className="panel register-group" open={Boolean(actionData?.result)}>
          <summary>{t("manage.register.another")}</summary>
          <RegisterGroup areas={areas} lastResult={actionData?.result} />
        </details>
      ) : (
        <>
          <p>{t("manage.noGroups")}</p>
          <RegisterGroup areas={areas} lastResult={actionData?.result} />
        </>
      )}
    </div>
  );
}

function RegisterGroup({ areas, lastResult }: { areas: { id: number; name: string }[]; lastResult: React.ComponentProps<typeof GroupProfileForm>["lastResult"] }) {
  const { t } = useTranslation();
  return (
    <div className="form-page">
      <GroupProfileForm id="register-group" lastResult={lastResult} areas={areas} heading={t("manage.register.title")} submitLabel={t("manage.register.submit")} intent="register" />
      <p className="field__hint">{t("manage.register.note")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
