import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/permissions.server";
import { acceptInvite, findInviteByToken } from "~/modules/groups/groups.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

// An invitation link: /manage/invite?token=… . It works only for the signed-in account whose email the owner
// invited, only once, and only until it expires; anything else reads as "not valid" without saying why.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestI18n(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invite = await findInviteByToken(token, user.email);
  return {
    meta: { title: t("manage.invite.pageTitle"), siteName: t("site.name") },
    token: invite ? token : "",
    invite: invite ? { groupName: invite.group.name, role: invite.role } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const token = String((await request.formData()).get("token") ?? "");
  const accepted = await acceptInvite(user, { token });
  if (!accepted) throw redirect("/manage?invite=invalid");
  throw redirect(`/manage/groups/${accepted.groupId}?joined=1`);
}

export const handle = { i18n: ["manage"] };

export default function AcceptInvite() {
  const { token, invite } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <h1>{t("manage.invite.pageTitle")}</h1>
      {invite ? (
        <Form method="post" className="form">
          <p>{t("manage.invite.join", { group: invite.groupName, role: t(`groupRole.${invite.role}`) })}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            {t("manage.invite.accept")}
          </button>
        </Form>
      ) : (
        <p className="notice notice--warn">{t("manage.invite.invalid")}</p>
      )}
      <p>
        <Link to="/manage">{t("manage.title")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
