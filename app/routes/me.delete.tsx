import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError } from "~/components/forms";
import { deleteAccount } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/permissions.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { DeleteAccountSchema } from "~/modules/auth/schemas";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("me.deleteTitle"), siteName: t("site.name") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: DeleteAccountSchema });
  if (submission.status !== "success") return submission.reply();
  await deleteAccount(user.id, clientIp(request));
  throw redirect("/?deleted=1", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export default function DeleteAccountPage() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({ lastResult, constraint: getZodConstraint(DeleteAccountSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }) });
  return (
    <div className="container page form-page">
      <h1>{t("me.deleteTitle")}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <p>{t("me.deleteLead")}</p>
        <ul>
          <li>{t("me.deleteWhat1")}</li>
          <li>{t("me.deleteWhat2")}</li>
        </ul>
        <FormError id={form.errorId} errors={form.errors} />
        <CheckboxField meta={fields.confirm} label={t("me.deleteConfirm")} />
        <button type="submit" className="button">
          {t("me.deleteButton")}
        </button>
        <Link to="/me">{t("me.back")}</Link>
      </Form>
    </div>
  );
}
