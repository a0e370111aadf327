import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, InputField } from "~/components/forms";
import { loginWithCode, requestLoginCode } from "~/modules/auth/accounts.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { CodeSchema, EmailOnlySchema } from "~/modules/auth/schemas";
import { tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { titledPage } from "~/modules/i18n/page-title.server";

// Login by an emailed one-time code, for residents who would rather not have a password.
// Step 1 asks for the address; step 2 (the same page, rendered by the action) asks for the code.

export function loader({ request }: LoaderFunctionArgs) {
  return titledPage(request, "auth.codeLoginTitle");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const ip = clientIp(request);
  if (formData.get("intent") === "send") {
    rejectBots(formData, request);
    const submission = parseWithZod(formData, { schema: EmailOnlySchema });
    if (submission.status !== "success") return data({ step: "email" as const, result: submission.reply() }, { status: 400 });
    await requestLoginCode(submission.value.email, ip);
    return { step: "code" as const, email: submission.value.email, result: undefined };
  }
  const submission = parseWithZod(formData, { schema: CodeSchema });
  if (submission.status !== "success") return data({ step: "code" as const, email: String(formData.get("email") ?? ""), result: submission.reply() }, { status: 400 });
  const result = await loginWithCode({ ...submission.value, ip });
  if (result.ok) throw redirect(safeRedirectPath(submission.value.redirectTo, "/me"), { headers: { "Set-Cookie": result.setCookie } });
  if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
  return data({ step: "code" as const, email: submission.value.email, result: submission.reply({ formErrors: [`auth.codeError.${result.reason}`] }) }, { status: 400 });
}

export const handle = { i18n: ["account"] };

export default function CodeLoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const redirectTo = safeRedirectPath(params.get("redirectTo"), "/me");
  const step = actionData?.step ?? "email";
  return (
    <div className="container page form-page">
      <h1>{t("auth.codeLoginTitle")}</h1>
      {step === "email" ? <EmailStep lastResult={actionData?.result} redirectTo={redirectTo} /> : <CodeStep email={actionData && "email" in actionData ? (actionData.email ?? "") : ""} lastResult={actionData?.result} redirectTo={redirectTo} />}
    </div>
  );
}

function EmailStep({ lastResult, redirectTo }: { lastResult: SubmissionResult<string[]> | null | undefined; redirectTo: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "code-email", lastResult, constraint: getZodConstraint(EmailOnlySchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailOnlySchema }) });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <p>{t("auth.codeLoginLead")}</p>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="send" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Honeypot />
      <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
      <button type="submit" className="button">
        {t("auth.sendCode")}
      </button>
    </Form>
  );
}

export function CodeStep({
  email,
  lastResult,
  redirectTo,
  action,
  lead,
}: {
  email: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  redirectTo: string;
  action?: string;
  lead?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "code-check", lastResult, constraint: getZodConstraint(CodeSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeSchema }) });
  return (
    <Form method="post" action={action} className="form" {...getFormProps(form)}>
      <p role="status">{lead ?? t("auth.codeSent")}</p>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="check" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="email" value={email} />
      <InputField meta={fields.code} label={t("auth.code")} hint={t("auth.codeHint")} inputMode="numeric" autoComplete="one-time-code" />
      <button type="submit" className="button">
        {t("auth.loginButton")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
