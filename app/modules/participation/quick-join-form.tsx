import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceGroup, FormError, Honeypot, InputField, SelectField, TextAreaField } from "~/components/forms";
import { formatRange } from "~/utils/dates";
import { QUICK_JOIN_CODE } from "~/modules/auth/schemas";
import { JoinApplySchemas, JoinPhoneSchema, JoinRegisterSchemas, PHONE_INTENT, type JoinAnswer } from "./quick-join";
import type { SubmissionResult } from "@conform-to/react";

// Taking part without an account, on the opening's or event's own page: name, address and the one consent, then
// the code from the email, both as plain forms (they work without JavaScript). The server carries nothing between
// the steps but the code it stored: the first step's values come back in the second form.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;
type Choice = { id: number; startsAt: string; endsAt: string | null };
type Kind = "apply" | "register";

/** A few dates read best as radios; a series' dozen would push the name field off a phone's screen: a select then. */
const MAX_RADIOS = 4;
const CHOICE_FIELD: Record<Kind, "shiftId" | "eventDateId"> = { apply: "shiftId", register: "eventDateId" };

export function QuickJoin({
  kind,
  choices,
  groupName,
  answer,
  phone,
}: {
  kind: Kind;
  choices: Choice[];
  groupName: string;
  answer: JoinAnswer | undefined;
  /** Registering by phone, when the event's organiser allows it: whether to offer it, and its last answer. */
  phone?: { allowed: boolean; result: SubmissionResult<string[]> | undefined };
}) {
  const { t } = useTranslation();
  if (!choices.length) return null;
  return (
    <section className="quick-join" id="join" aria-labelledby="join-h">
      <h3 id="join-h">{t(`quickjoin.heading.${kind}`)}</h3>
      {answer?.step === "code" ? <CodeStep kind={kind} answer={answer} /> : <DetailsStep kind={kind} choices={choices} groupName={groupName} answer={answer} />}
      {kind === "register" && phone?.allowed && answer?.step !== "code" ? <PhoneStep choices={choices} groupName={groupName} result={phone.result} /> : null}
    </section>
  );
}

/**
 * For a resident without email (or who would rather talk): name and phone number, and the organiser calls back.
 * Behind a disclosure, open when its own answer came back with errors, so the email way stays the short one.
 */
function PhoneStep({ choices, groupName, result }: { choices: Choice[]; groupName: string; result: SubmissionResult<string[]> | undefined }) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "quick-join-phone",
    lastResult: result,
    constraint: getZodConstraint(JoinPhoneSchema),
    shouldValidate: "onBlur",
    defaultValue: { eventDateId: String(choices[0]!.id), partySize: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinPhoneSchema }),
  });
  const options = choices.map((c) => ({ value: String(c.id), label: formatRange(new Date(c.startsAt), c.endsAt ? new Date(c.endsAt) : null, i18n.language) }));
  return (
    <details className="quick-join__phone" open={Boolean(result)}>
      <summary>{t("quickjoin.phone.summary")}</summary>
      <Form method="post" className="form stack" {...getFormProps(form)}>
        <p>{t("quickjoin.phone.lead")}</p>
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={PHONE_INTENT} />
        <Honeypot />
        {choices.length > MAX_RADIOS ? (
          <SelectField meta={fields.eventDateId} label={t("quickjoin.when")} options={options} />
        ) : choices.length > 1 ? (
          <ChoiceGroup meta={fields.eventDateId} legend={t("quickjoin.when")} type="radio" options={options} />
        ) : (
          <input type="hidden" name="eventDateId" value={choices[0]!.id} />
        )}
        <InputField meta={fields.partySize} label={t("participation.partySize")} inputMode="numeric" autoComplete="off" />
        <InputField meta={fields.name} label={t("quickjoin.name")} hint={t("quickjoin.nameHint")} autoComplete="name" />
        <InputField meta={fields.phone} label={t("quickjoin.phone.number")} hint={t("quickjoin.phone.numberHint")} type="tel" autoComplete="tel" />
        <JoinConsent meta={fields.consent} suffixKey="quickjoin.phone.consentSuffix" groupName={groupName} />
        <button type="submit" className="button">
          {t("quickjoin.phone.submit")}
        </button>
      </Form>
    </details>
  );
}

function DetailsStep({ kind, choices, groupName, answer }: { kind: Kind; choices: Choice[]; groupName: string; answer: JoinAnswer | undefined }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const schema = kind === "apply" ? JoinApplySchemas.start : JoinRegisterSchemas.start;
  const choiceField = CHOICE_FIELD[kind];
  const [form, fields] = useForm({
    id: `quick-join-${kind}`,
    lastResult: answer?.step === "details" ? answer.result : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    defaultValue: { [choiceField]: String(choices[0]!.id), partySize: "1" } as Record<string, string>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // The two pages' forms differ in a field or two; conform's metadata is looked up by name for those.
  const allFields = fields as unknown as Record<string, AnyMeta>;
  const options = choices.map((c) => ({ value: String(c.id), label: formatRange(new Date(c.startsAt), c.endsAt ? new Date(c.endsAt) : null, i18n.language) }));
  return (
    <Form method="post" className="form stack" {...getFormProps(form)}>
      <p>{t("quickjoin.lead", { digits: QUICK_JOIN_CODE.digits })}</p>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="join" />
      <Honeypot />
      {choices.length > MAX_RADIOS ? (
        <SelectField meta={allFields[choiceField]!} label={t("quickjoin.when")} options={options} />
      ) : choices.length > 1 ? (
        <ChoiceGroup meta={allFields[choiceField]!} legend={t("quickjoin.when")} type="radio" options={options} />
      ) : (
        <input type="hidden" name={choiceField} value={choices[0]!.id} />
      )}
      {kind === "register" ? <InputField meta={allFields.partySize!} label={t("participation.partySize")} inputMode="numeric" autoComplete="off" /> : null}
      <InputField meta={allFields.name!} label={t("quickjoin.name")} hint={t("quickjoin.nameHint")} autoComplete="name" />
      <InputField meta={allFields.email!} label={t("quickjoin.email")} hint={t("quickjoin.emailHint")} type="email" autoComplete="email" />
      {kind === "apply" ? <TextAreaField meta={allFields.message!} label={t("participation.message")} rows={2} /> : null}
      <JoinConsent meta={allFields.consent!} suffixKey="quickjoin.consentSuffix" groupName={groupName} />
      <button type="submit" className="button">
        {t("quickjoin.sendCode")}
      </button>
      <p className="quick-join__signin">
        {t("quickjoin.haveAccount")}{" "}
        <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t(kind === "apply" ? "participation.loginToApply" : "participation.loginToRegister")}</Link>
      </p>
    </Form>
  );
}

function CodeStep({ kind, answer }: { kind: Kind; answer: Extract<JoinAnswer, { step: "code" }> }) {
  const { t } = useTranslation();
  const location = useLocation();
  const schema = kind === "apply" ? JoinApplySchemas.confirm : JoinRegisterSchemas.confirm;
  // No check in the browser: the second button (send the code again) must go through with the code field empty.
  const [form, fields] = useForm({ id: `quick-join-code-${kind}`, lastResult: answer.result, constraint: getZodConstraint(schema) });
  return (
    <Form method="post" className="form stack" {...getFormProps(form)} noValidate>
      <p role="status" className="notice notice--info">
        {t("quickjoin.codeSent", { email: answer.sentTo, digits: QUICK_JOIN_CODE.digits, minutes: QUICK_JOIN_CODE.minutes })}
      </p>
      <FormError id={form.errorId} errors={form.errors} />
      <Honeypot />
      {Object.entries(answer.values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <InputField meta={fields.code!} label={t("quickjoin.code", { digits: QUICK_JOIN_CODE.digits })} hint={t("quickjoin.codeHint")} inputMode="numeric" autoComplete="one-time-code" autoFocus />
      <button type="submit" name="intent" value="join-code" className="button">
        {t(`quickjoin.confirm.${kind}`)}
      </button>
      <div className="quick-join__again">
        <button type="submit" name="intent" value="join" className="button button--ghost">
          {t("quickjoin.resend")}
        </button>
        <Link className="button button--ghost" to={location.pathname}>
          {t("quickjoin.changeEmail")}
        </Link>
      </div>
    </Form>
  );
}

/** The one consent of either way in: the privacy notice, and the contact (email or phone) going to the group. */
function JoinConsent({ meta, suffixKey, groupName }: { meta: AnyMeta; suffixKey: "quickjoin.consentSuffix" | "quickjoin.phone.consentSuffix"; groupName: string }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      meta={meta}
      label={
        <>
          {t("quickjoin.consentPrefix")}
          <Link to="/privacy">{t("quickjoin.privacyLink")}</Link>
          {t(suffixKey, { group: groupName })}
        </>
      }
    />
  );
}
