import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField, SelectField, TextAreaField } from "~/components/forms";
import { GROUP_KINDS, GROUP_KIND_KEYS } from "~/modules/groups/constants";
import { GroupProfileSchema } from "~/modules/groups/schemas";

export type GroupFormValues = {
  name: string;
  nameKana: string;
  kind: string;
  areaId: number | null;
  description: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
};

/** The group profile form: registering a new group on /manage, and owners editing it in the workspace. */
export function GroupProfileForm({
  id,
  lastResult,
  areas,
  defaults,
  heading,
  submitLabel,
  intent,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  areas: { id: number; name: string }[];
  defaults?: GroupFormValues;
  heading: string;
  submitLabel: string;
  intent: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(GroupProfileSchema),
    defaultValue: defaults ? { ...defaults, areaId: defaults.areaId ? String(defaults.areaId) : "" } : { kind: GROUP_KINDS[0] },
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupProfileSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      <FormError id={form.errorId} errors={form.errors} />
      <InputField meta={fields.name} label={t("manage.group.name")} required autoComplete="organization" />
      <InputField meta={fields.nameKana} label={t("manage.group.nameKana")} hint={t("manage.form.kanaHint")} required />
      <SelectField
        meta={fields.kind}
        label={t("manage.group.kind")}
        options={GROUP_KINDS.map((k) => ({ value: k, label: t(`manage.groupKind.${GROUP_KIND_KEYS[k]}`) }))}
        required
      />
      <SelectField meta={fields.areaId} label={t("manage.form.area")} blank={t("manage.form.notSet")} options={areas.map((a) => ({ value: String(a.id), label: a.name }))} />
      <TextAreaField meta={fields.description} label={t("manage.group.description")} hint={t("manage.form.maxChars", { max: 2000 })} />
      <InputField meta={fields.contactName} label={t("manage.group.contactName")} required autoComplete="name" />
      <InputField meta={fields.contactEmail} label={t("manage.group.contactEmail")} type="email" required autoComplete="email" />
      <InputField meta={fields.contactPhone} label={t("manage.form.contactPhone")} type="tel" autoComplete="tel" />
      <InputField meta={fields.website} label={t("manage.form.website")} type="url" hint={t("manage.form.urlHint")} />
      <button type="submit" name="intent" value={intent} className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
