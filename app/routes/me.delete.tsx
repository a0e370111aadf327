import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, InputField } from "~/components/forms";
import { deleteAccount, hasPassword, requestDeletionCode } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/permissions.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { DeleteAccountSchema, DeleteWithCodeSchema, DeleteWithPasswordSchema } from "~/modules/auth/schemas";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { NO_STORE, tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestI18n(request);
  return { meta: { title: t("me.deleteTitle"), siteName: t("site.name") }, hasPassword: await hasPassword(user.id) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const ip = clientIp(request);
  if (formData.get("intent") === "send-code") {
    await requestDeletionCode(user.id, ip);
    return { step: "code" as const, result: undefined };
  }
  const step = formData.get("method") === "code" ? ("code" as const) : ("password" as const);
  const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
  if (submission.status !== "success") return data({ step, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const proof = submission.value.method === "password" ? { password: submission.value.password } : { code: submission.value.code };
  const result = await deleteAccount({ userId: user.id, ip, proof });
  if (result.ok) throw redirect("/?deleted=1", { headers: { "Set-Cookie": blankSessionCookie() } });
  if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
  if (result.reason === "wrong-password") return data({ step, result: submission.reply({ fieldErrors: { password: ["auth.wrongPassword"] }, hideFields: ["password"] }) }, { status: 400 });
  return data({ step, result: submission.reply({ formErrors: [`auth.codeError.${result.reason}`] }) }, { status: 400 });
}

export const handle = { i18n: ["account"] };

export default function DeleteAccountPage() {
  const { hasPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const step = actionData?.step ?? (hasPassword ? "password" : "start");
  return (
    <div className="container page form-page stack">
      <h1>{t("me.deleteTitle")}</h1>
      <p>{t("me.deleteLead")}</p>
      <ul>
        <li>{t("me.deleteWhat1")}</li>
        <li>{t("me.deleteWhat2")}</li>
      </ul>
      {step === "start" ? null : <DeleteForm method={step} lastResult={actionData?.result} />}
      <Form method="post" className="form">
        <p>{step === "code" ? t("me.deleteCodeSent") : hasPassword ? t("me.deleteCodeInstead") : t("me.deleteCodeLead")}</p>
        <button type="submit" name="intent" value="send-code" className="button button--ghost">
          {step === "code" ? t("me.deleteSendCodeAgain") : t("me.deleteSendCode")}
        </button>
      </Form>
      <p className="links-below">
        <Link to="/me">{t("me.back")}</Link>
      </p>
    </div>
  );
}

function DeleteForm({ method, lastResult }: { method: "password" | "code"; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const schema = method === "password" ? DeleteWithPasswordSchema : DeleteWithCodeSchema;
  const [form, fields] = useForm({ id: `delete-${method}`, lastResult, constraint: getZodConstraint(schema), onValidate: ({ formData }) => parseWithZod(formData, { schema }) });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="method" value={method} />
      {method === "password" ? (
        <InputField meta={fields.password} label={t("me.currentPassword")} type="password" autoComplete="current-password" />
      ) : (
        <InputField meta={fields.code} label={t("auth.code")} hint={t("auth.codeHint")} inputMode="numeric" autoComplete="one-time-code" />
      )}
      <CheckboxField meta={fields.confirm} label={t("me.deleteConfirm")} />
      <button type="submit" className="button">
        {t("me.deleteButton")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
