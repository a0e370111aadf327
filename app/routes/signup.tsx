import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, Honeypot, InputField } from "~/components/forms";
import { signUp } from "~/modules/auth/accounts.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { RATE_LIMITS, clientIp, consumeRateLimit } from "~/modules/auth/rate-limit.server";
import { PASSWORD_MIN, SignupSchema } from "~/modules/auth/schemas";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { answersToSearchParams } from "~/modules/matching/answers";
import { SIGNUP_MATCH_PARAM, answersFromSignup } from "~/modules/matching/quick-match";
import { startingProfileFromAnswers } from "~/modules/matching/profile.server";
import { tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { CodeStep } from "./login_.code";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  // Coming from the quick match (/match): the answers ride along in the form and start the new profile.
  const answers = answersFromSignup(new URL(request.url).searchParams.get(SIGNUP_MATCH_PARAM));
  return { meta: { title: t("auth.signupTitle"), siteName: t("site.name") }, passwordMin: PASSWORD_MIN, match: answers ? answersToSearchParams(answers).toString() : null };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  rejectBots(formData, request);
  const ip = clientIp(request);
  const limit = await consumeRateLimit(RATE_LIMITS.signupPerIp, ip);
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== "success") return data({ step: "form" as const, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const { locale } = await getRequestI18n(request);
  const answers = answersFromSignup(submission.value.match);
  const profile = answers ? await startingProfileFromAnswers(answers) : undefined;
  const result = await signUp({ ...submission.value, locale, ip, profile });
  if (!result.ok) {
    return data({ step: "form" as const, result: submission.reply({ fieldErrors: { password: [`errors.password.${result.problem}`] }, hideFields: ["password"] }) }, { status: 400 });
  }
  // Same next step whether or not the address already had an account; with answers kept, on to the proposals.
  return { step: "verify" as const, email: submission.value.email, next: answers ? "/match" : "/me", result: undefined };
}

export const handle = { i18n: ["account"] };

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  if (actionData?.step === "verify") {
    return (
      <div className="container page form-page">
        <h1>{t("auth.verifyTitle")}</h1>
        <CodeStep email={actionData.email} lastResult={undefined} redirectTo={actionData.next} action="/verify" lead={t("auth.verifySent")} />
      </div>
    );
  }
  return <SignupForm lastResult={actionData?.result} />;
}

function SignupForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { match } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <div className="container page form-page">
      <h1>{t("auth.signupTitle")}</h1>
      <p>{t("auth.signupLead")}</p>
      {match ? (
        <p className="notice notice--info" data-testid="match-kept">
          {t("auth.matchKept")}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <Honeypot />
        {match ? <input type="hidden" name="match" value={match} /> : null}
        <InputField meta={fields.name} label={t("auth.name")} hint={t("auth.nameHint")} autoComplete="name" />
        <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <InputField meta={fields.password} label={t("auth.password")} type="password" hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" />
        <CheckboxField
          meta={fields.agree}
          label={
            <>
              {t("auth.agreePrefix")} <Link to="/privacy">{t("auth.privacyLink")}</Link> {t("auth.agreeSuffix")}
            </>
          }
        />
        <button type="submit" className="button">
          {t("auth.signupButton")}
        </button>
      </Form>
      <p className="links-below">
        <Link to="/login">{t("auth.haveAccount")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
