import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField } from "~/components/forms";
import { checkCurrentPassword, confirmEmailChange, startEmailChange } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/permissions.server";
import { RATE_LIMITS, clientIp, consumeRateLimit } from "~/modules/auth/rate-limit.server";
import { ChangeEmailSchema, CodeField, EmailField } from "~/modules/auth/schemas";
import { NO_STORE, tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { titledPage } from "~/modules/i18n/page-title.server";

export const headers: HeadersFunction = () => NO_STORE;

const ConfirmSchema = z.object({ newEmail: EmailField, code: CodeField });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return titledPage(request, "me.changeEmail");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const ip = clientIp(request);
  if (formData.get("intent") === "confirm") {
    const submission = parseWithZod(formData, { schema: ConfirmSchema });
    if (submission.status !== "success") return data({ step: "code" as const, newEmail: String(formData.get("newEmail") ?? ""), result: submission.reply() }, { status: 400 });
    const result = await confirmEmailChange({ userId: user.id, ...submission.value, ip });
    if (result.ok) throw redirect("/me?emailChanged=1", { headers: { "Set-Cookie": result.setCookie } });
    if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
    return data({ step: "code" as const, newEmail: submission.value.newEmail, result: submission.reply({ formErrors: [`auth.codeError.${result.reason}`] }) }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: ChangeEmailSchema });
  if (submission.status !== "success") return data({ step: "start" as const, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  // Re-authentication: the current password, throttled like a login (SECURITY.md row 16).
  const limit = await consumeRateLimit(RATE_LIMITS.loginPerAccount, `reauth:${user.id}`);
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  if (!(await checkCurrentPassword(user.id, submission.value.password))) {
    return data({ step: "start" as const, result: submission.reply({ fieldErrors: { password: ["auth.wrongPassword"] }, hideFields: ["password"] }) }, { status: 400 });
  }
  await startEmailChange({ userId: user.id, newEmail: submission.value.newEmail, ip });
  return { step: "code" as const, newEmail: submission.value.newEmail, result: undefined };
}

export const handle = { i18n: ["account"] };

export default function ChangeEmailPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page form-page">
      <h1>{t("me.changeEmail")}</h1>
      {actionData?.step === "code" ? <ConfirmStep newEmail={actionData.newEmail} lastResult={actionData.result} /> : <StartStep lastResult={actionData?.result} />}
    </div>
  );
}

function StartStep({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "email-start", lastResult, constraint: getZodConstraint(ChangeEmailSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }) });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <InputField meta={fields.newEmail} label={t("me.newEmail")} type="email" autoComplete="email" />
      <InputField meta={fields.password} label={t("me.currentPassword")} type="password" autoComplete="current-password" />
      <button type="submit" className="button">
        {t("auth.sendCode")}
      </button>
    </Form>
  );
}

function ConfirmStep({ newEmail, lastResult }: { newEmail: string; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "email-confirm", lastResult, constraint: getZodConstraint(ConfirmSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmSchema }) });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <p role="status">{t("me.emailCodeSent")}</p>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="newEmail" value={newEmail} />
      <InputField meta={fields.code} label={t("auth.code")} hint={t("auth.codeHint")} inputMode="numeric" autoComplete="one-time-code" />
      <button type="submit" className="button">
        {t("me.confirmEmail")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
