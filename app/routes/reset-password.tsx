import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField } from "~/components/forms";
import { resetPassword } from "~/modules/auth/accounts.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { PASSWORD_MIN, ResetSchema } from "~/modules/auth/schemas";
import { peekResetToken } from "~/modules/auth/verification.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The token arrives in the link's URL; this page never leaks it to another site ("same-origin": the Referer goes
// only to this server) and is never stored (no-store). Not "no-referrer": under it a browser posts the form with
// `Origin: null`, which the request guard refuses, so the form would fail without JavaScript.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = Boolean(await peekResetToken(token));
  return { meta: { title: t("auth.resetTitle"), siteName: t("site.name") }, token: valid ? token : "", valid };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ResetSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await resetPassword({ ...submission.value, ip: clientIp(request) });
  if (result.ok) throw redirect("/login?reset=1");
  if (result.reason === "rate-limited") tooManyRequests(result.retryAfterSeconds);
  if (result.reason === "invalid-token") return data({ result: submission.reply({ formErrors: ["auth.resetInvalid"], hideFields: ["password"] }) }, { status: 400 });
  return data({ result: submission.reply({ fieldErrors: { password: [`errors.password.${result.reason}`] }, hideFields: ["password"] }) }, { status: 400 });
}

export const handle = { i18n: ["account"] };

export default function ResetPasswordPage() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({ lastResult: actionData?.result, constraint: getZodConstraint(ResetSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }) });
  return (
    <div className="container page form-page">
      <h1>{t("auth.resetTitle")}</h1>
      {valid ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError id={form.errorId} errors={form.errors} />
          <input type="hidden" name="token" value={token} />
          <InputField meta={fields.password} label={t("auth.newPassword")} type="password" hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" />
          <button type="submit" className="button">
            {t("auth.resetButton")}
          </button>
        </Form>
      ) : (
        <div className="notice notice--warn" role="alert">
          <p>{t("auth.resetInvalid")}</p>
          <p>
            <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
