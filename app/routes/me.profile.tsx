import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceGroup, FormError, InputField, SelectField } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/modules/auth/permissions.server";
import { useRubyT } from "~/modules/furigana/ruby";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { AvailabilityGrid } from "~/modules/matching/availability-grid";
import { AVOID_CODES, REACHES } from "~/modules/matching/constants";
import { COMMITMENT_CHOICES, COMMON_SKILLS, ROLE_CHOICES, SKILL_LIMITS, profileSchema } from "~/modules/matching/profile-schema";
import { getMatchProfile, profileChoices, saveMatchProfile } from "~/modules/matching/profile.server";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// /me/profile: what the resident likes, can do, when and where, for the suggestions on /match, the home page and the
// weekly digest; and the opt-in to the talent register (人材バンク), off until they tick it and withdrawable here.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestI18n(request);
  const profile = await getMatchProfile(user.id, locale);
  return { ...profile, meta: { title: t("profile.title"), siteName: t("site.name") } };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: profileSchema(await profileChoices()) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await saveMatchProfile(user.id, submission.value);
  throw redirect("/me/profile?saved=1");
}

export const handle = { i18n: ["listing", "account", "profile", "quickmatch"] };

export default function ProfilePage() {
  const { taxonomy, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const rt = useRubyT();
  const schema = profileSchema();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    defaultValue: values,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const options = (items: { id: number; name: string; lang: string }[]) => items.map((i) => ({ value: String(i.id), label: i.name, lang: i.lang }));
  const saved = params.get("saved") === "1" && !actionData;
  return (
    <div className="container page form-page stack profile-page">
      <h1>{rt("profile.title")}</h1>
      <p className="page__lead">{t("profile.lead")}</p>
      {saved ? (
        <p className="notice notice--info" role="status">
          {t("profile.saved")} <Link to="/match">{t("profile.seeSuggestions")}</Link>
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        {form.errors?.length || Object.values(fields).some((f) => f.errors?.length) ? (
          <p className="notice notice--warn" role="alert">
            {t("profile.fixErrors")}
          </p>
        ) : null}

        <h2>{rt("profile.interests")}</h2>
        <ChoiceGroup meta={fields.categoryIds} legend={t("profile.categories")} options={options(taxonomy.categories)} />
        <ChoiceGroup meta={fields.audienceIds} legend={t("profile.audiences")} options={options(taxonomy.audiences)} />

        <h2>{rt("profile.skillsTitle")}</h2>
        <ChoiceGroup meta={fields.skills} legend={t("profile.skills")} options={COMMON_SKILLS.map((s) => ({ value: s.value, label: t(`profile.skill.${s.code}`) }))} />
        <InputField meta={fields.otherSkills} label={t("profile.otherSkills")} hint={t("profile.otherSkillsHint", { max: SKILL_LIMITS.tags })} autoComplete="off" />

        <h2>{rt("profile.whenWhere")}</h2>
        <AvailabilityGrid meta={fields.availability} legend={t("profile.availability")} hint={t("profile.availabilityHint")} />
        <SelectField meta={fields.areaId} label={t("profile.area")} blank={t("profile.areaNotSet")} options={options(taxonomy.areas)} hint={t("profile.areaHint")} />
        <ChoiceGroup meta={fields.reach} legend={t("profile.reach")} type="radio" options={REACHES.map((r) => ({ value: r, label: t(`profile.reachChoice.${r}`) }))} />
        <ChoiceGroup meta={fields.languages} legend={t("profile.languages")} options={CONTENT_LANGUAGES.map((c) => ({ value: c, label: t(`language.${c}`) }))} />

        <h2>{rt("profile.preferences")}</h2>
        <CheckboxField meta={fields.prefersBeginner} label={t("profile.prefersBeginner")} />
        <CheckboxField meta={fields.prefersAtHome} label={t("profile.prefersAtHome")} />
        <CheckboxField meta={fields.withChildren} label={t("profile.withChildren")} />
        <ChoiceGroup meta={fields.role} legend={t("profile.role")} type="radio" options={ROLE_CHOICES.map((c) => ({ value: c, label: t(`profile.roleChoice.${c}`) }))} />
        <ChoiceGroup meta={fields.commitment} legend={t("profile.commitment")} type="radio" options={COMMITMENT_CHOICES.map((c) => ({ value: c, label: t(`profile.commitmentChoice.${c}`) }))} />
        <ChoiceGroup meta={fields.avoid} legend={t("profile.avoid")} hint={t("profile.avoidHint")} options={AVOID_CODES.map((c) => ({ value: c, label: t(`quickmatch.avoid.${c}`) }))} />

        <h2>{rt("profile.mail")}</h2>
        <CheckboxField meta={fields.notifyDigest} label={t("profile.notifyDigest")} hint={t("profile.notifyDigestHint")} />

        <section className="talent" aria-labelledby="talent-h">
          <h2 id="talent-h">{rt("profile.talent.title")}</h2>
          <p className={values.discoverableByStaff ? "tag tag--welcome" : "tag tag--plain"} data-testid="talent-state">
            {values.discoverableByStaff ? t("profile.talent.stateOn") : t("profile.talent.stateOff")}
          </p>
          <p>{t("profile.talent.what")}</p>
          <ul className="talent__points">
            <li>{t("profile.talent.staffSee")}</li>
            <li>{t("profile.talent.invite")}</li>
            <li>{t("profile.talent.groupsNever")}</li>
            <li>{t("profile.talent.audit")}</li>
            <li>{t("profile.talent.withdraw")}</li>
          </ul>
          <CheckboxField meta={fields.discoverableByStaff} label={t("profile.talent.optIn")} />
        </section>

        <button type="submit" className="button">
          {t("profile.save")}
        </button>
      </Form>
      <p className="links-below">
        <Link to="/me">{t("me.back")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
