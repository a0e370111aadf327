import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField } from "~/components/forms";
import { loginWithPassword } from "~/modules/auth/accounts.server";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { LoginSchema } from "~/modules/auth/schemas";
import { tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { titledPage } from "~/modules/i18n/page-title.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/me"));
  return titledPage(request, "auth.loginTitle");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await loginWithPassword({ ...submission.value, ip: clientIp(request) });
  if (result.ok) {
    throw redirect(safeRedirectPath(submission.value.redirectTo, "/me"), { headers: { "Set-Cookie": result.setCookie } });
  }
  if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
  if (result.reason === "unverified") {
    throw redirect(`/verify?sent=1`);
  }
  return data({ result: submission.reply({ formErrors: ["auth.invalidLogin"], hideFields: ["password"] }) }, { status: 400 });
}

export const handle = { i18n: ["account"] };

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const rt = useRubyT();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const redirectTo = safeRedirectPath(params.get("redirectTo"), "/me");
  return (
    <div className="container page form-page">
      <h1>{rt("auth.loginTitle")}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <InputField meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button">
          {t("auth.loginButton")}
        </button>
      </Form>
      <p className="links-below">
        <Link to={`/login/code?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("auth.loginWithCodeLink")}</Link>
        <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
        <Link to="/signup">{t("auth.signupLink")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
