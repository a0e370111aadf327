import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, InputField } from "~/components/forms";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { clientIp } from "~/modules/auth/rate-limit.server";
import { EmailOnlySchema } from "~/modules/auth/schemas";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { titledPage } from "~/modules/i18n/page-title.server";

export function loader({ request }: LoaderFunctionArgs) {
  return titledPage(request, "auth.forgotTitle");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  rejectBots(formData, request);
  const submission = parseWithZod(formData, { schema: EmailOnlySchema });
  if (submission.status !== "success") return data({ sent: false, result: submission.reply() }, { status: 400 });
  await requestPasswordReset(submission.value.email, clientIp(request));
  // The same answer whether or not the address has an account.
  return { sent: true, result: undefined };
}

export const handle = { i18n: ["account"] };

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({ lastResult: actionData?.result, constraint: getZodConstraint(EmailOnlySchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailOnlySchema }) });
  return (
    <div className="container page form-page">
      <h1>{t("auth.forgotTitle")}</h1>
      {actionData?.sent ? (
        <p className="notice notice--info" role="status">
          {t("auth.forgotSent")}
        </p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <p>{t("auth.forgotLead")}</p>
          <FormError id={form.errorId} errors={form.errors} />
          <Honeypot />
          <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
          <button type="submit" className="button">
            {t("auth.forgotButton")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
