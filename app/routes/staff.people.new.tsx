import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, FormError, InputField, SelectField } from "~/components/forms";
import { requireStaff } from "~/modules/auth/permissions.server";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { registerPerson } from "~/modules/staff/people.server";
import { ProxyRegistrationSchema, STAFF_CONSENT_METHODS } from "~/modules/staff/proxy-schemas";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 代理登録: staff register a resident who phoned or came to the counter (see registerPerson).

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t, locale } = await getRequestI18n(request);
  const tax = await getTaxonomy(locale);
  return {
    meta: { title: t("people.new.title"), siteName: t("site.name") },
    areas: tax.areas.map((a) => ({ value: String(a.id), label: a.name })),
    today: tokyoDateKey(new Date()),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: ProxyRegistrationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await registerPerson(submission.value, staff.id);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
  throw redirect(`/staff/people/${result.userId}?done=registered`, 303);
}

export const handle = { i18n: ["manage", "people"] };

export default function ProxyRegistrationPage() {
  const { areas, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "proxy-registration",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProxyRegistrationSchema),
    shouldValidate: "onBlur",
    defaultValue: { locale: "ja", consentDate: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProxyRegistrationSchema }),
  });
  return (
    <div className="container page stack form-page">
      <p>
        <Link to="/staff/people">{t("people.back.people")}</Link>
      </p>
      <h1>{t("people.new.title")}</h1>
      <p className="page__lead">{t("people.new.lead")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <fieldset className="stack">
          <legend>{t("people.new.who")}</legend>
          <InputField meta={fields.name} label={t("people.person.name")} autoComplete="off" required />
          <InputField meta={fields.nameKana} label={t("people.person.kana")} hint={t("people.new.kanaHint")} autoComplete="off" required />
          <SelectField meta={fields.areaId} label={t("people.person.area")} options={areas} blank={t("people.new.noArea")} />
          <SelectField
            meta={fields.locale}
            label={t("people.person.language")}
            hint={t("people.new.languageHint")}
            options={SUPPORTED_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("people.new.contact")}</legend>
          <p className="field__hint">{t("people.new.contactHint")}</p>
          <InputField meta={fields.phone} label={t("people.person.phone")} type="tel" autoComplete="off" />
          <InputField meta={fields.postalCode} label={t("people.person.postalCode")} hint={t("people.new.postalHint")} inputMode="numeric" autoComplete="off" />
          <InputField meta={fields.postalAddress} label={t("people.person.postalAddress")} autoComplete="off" />
          <InputField meta={fields.email} label={t("people.person.email")} type="email" hint={t("people.new.emailHint")} autoComplete="off" />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("people.new.consent")}</legend>
          <p className="field__hint">{t("people.new.consentHint")}</p>
          <ChoiceGroup meta={fields.consentMethod} legend={t("people.new.consentMethod")} type="radio" options={STAFF_CONSENT_METHODS.map((m) => ({ value: m, label: t(`people.consentMethod.${m}`) }))} />
          <InputField meta={fields.consentDate} label={t("people.new.consentDate")} type="date" />
        </fieldset>
        <button type="submit" className="button">
          {t("people.new.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
