import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, InputField } from "~/components/forms";
import { resendVerification, verifyEmailAndLogin } from "~/modules/auth/accounts.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { CodeSchema, EmailOnlySchema } from "~/modules/auth/schemas";
import { tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { titledPage } from "~/modules/i18n/page-title.server";

export function loader({ request }: LoaderFunctionArgs) {
  return titledPage(request, "auth.verifyTitle");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const ip = clientIp(request);
  if (formData.get("intent") === "resend") {
    rejectBots(formData, request);
    const submission = parseWithZod(formData, { schema: EmailOnlySchema });
    if (submission.status === "success") await resendVerification(submission.value.email, ip);
    return { resent: true, result: undefined };
  }
  const submission = parseWithZod(formData, { schema: CodeSchema });
  if (submission.status !== "success") return data({ resent: false, result: submission.reply() }, { status: 400 });
  const result = await verifyEmailAndLogin({ ...submission.value, ip });
  if (result.ok) throw redirect(safeRedirectPath(submission.value.redirectTo, "/me"), { headers: { "Set-Cookie": result.setCookie } });
  if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
  return data({ resent: false, result: submission.reply({ formErrors: [`auth.codeError.${result.reason}`] }) }, { status: 400 });
}

/** For residents who come back later: address + code, and a way to get a new code. */
export const handle = { i18n: ["account"] };

export default function VerifyPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({ lastResult: actionData?.result, constraint: getZodConstraint(CodeSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeSchema }) });
  // The resend form answers the same whatever was typed (no account oracle): its errors come from the browser only.
  const [resendForm, resendFields] = useForm({ id: "resend", constraint: getZodConstraint(EmailOnlySchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailOnlySchema }) });
  return (
    <div className="container page form-page stack">
      <h1>{t("auth.verifyTitle")}</h1>
      {params.get("sent") || actionData?.resent ? (
        <p className="notice notice--info" role="status">
          {t("auth.verifySent")}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value="/me" />
        <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <InputField meta={fields.code} label={t("auth.code")} hint={t("auth.codeHint")} inputMode="numeric" autoComplete="one-time-code" />
        <button type="submit" className="button">
          {t("auth.verifyButton")}
        </button>
      </Form>
      <Form method="post" className="form" {...getFormProps(resendForm)}>
        <h2>{t("auth.resendTitle")}</h2>
        <input type="hidden" name="intent" value="resend" />
        <Honeypot />
        <InputField meta={resendFields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <button type="submit" className="button button--ghost">
          {t("auth.resendButton")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
