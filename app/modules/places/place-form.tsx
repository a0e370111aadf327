import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, InputField, SelectField, TextAreaField } from "~/components/forms";
import { FeeFields, useItemForm, AreaField, ContactFields, LanguagesField, RepeatFields, SaveButtons, TaxonomyFields, TimeFields } from "~/components/item-form";
import type { FormDefaults } from "~/modules/forms/form-values";
import { placeSchema } from "~/modules/places/schemas";

type Option = { id: number; name: string };

export function PlaceForm({
  lastResult,
  defaults,
  options,
  status,
  today,
  keepRule,
  keepText,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: FormDefaults;
  options: { areas: Option[]; categories: Option[]; audiences: Option[]; placeTypes: Option[] };
  status: string | null;
  today: string;
  keepRule?: string;
  keepText?: string;
}) {
  const { t } = useTranslation();
  const schema = placeSchema({ today, creating: status === null, keepRule });
  const [form, fields] = useItemForm("place", schema, lastResult, defaults);
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <h2>{t("manage.form.basics")}</h2>
      <InputField meta={fields.name} label={t("manage.place.name")} required />
      <InputField meta={fields.nameKana} label={t("manage.form.kana")} hint={t("manage.form.kanaHint")} required />
      <SelectField meta={fields.typeId} label={t("filter.type")} blank={t("manage.form.choose")} options={options.placeTypes.map((p) => ({ value: String(p.id), label: p.name }))} required />
      <TextAreaField meta={fields.summary} label={t("manage.form.summary")} hint={t("manage.form.summaryHint")} rows={2} />
      <TextAreaField meta={fields.description} label={t("manage.form.description")} hint={t("manage.form.maxChars", { max: 5000 })} rows={8} />
      <TaxonomyFields categories={fields.categoryIds} audiences={fields.audienceIds} options={options} />

      <h2>{t("detail.where")}</h2>
      <AreaField meta={fields.areaId} areas={options.areas} />
      <InputField meta={fields.address} label={t("manage.form.address")} autoComplete="off" />
      <CheckboxField meta={fields.showAreaOnly} label={t("manage.place.showAreaOnly")} hint={t("manage.place.showAreaOnlyHint")} />
      <TextAreaField meta={fields.access} label={t("detail.access")} rows={3} />
      <InputField meta={fields.parking} label={t("detail.parking")} />

      <h2>{t("manage.place.schedule")}</h2>
      <RepeatFields repeat={fields.repeat} weekdays={fields.weekdays} nths={fields.nths} allowNone keepText={keepText} />
      <TimeFields start={fields.scheduleStart} end={fields.scheduleEnd} legend={t("manage.form.times")} />
      <CheckboxField meta={fields.skipHolidays} label={t("manage.form.skipHolidays")} />
      <InputField meta={fields.scheduleNote} label={t("manage.place.scheduleNote")} hint={t("manage.place.scheduleNoteHint")} />

      <h2>{t("manage.form.joining")}</h2>
      <FeeFields kind={fields.feeKind} amount={fields.fee} freeFor={fields.feeFreeFor} note={fields.feeNote} />
      <CheckboxField meta={fields.bookingRequired} label={t("tag.booking")} />
      <InputField meta={fields.bookingNote} label={t("manage.place.bookingNote")} hint={t("manage.place.bookingNoteHint")} />
      <CheckboxField meta={fields.mealsProvided} label={t("tag.meals")} />
      <CheckboxField meta={fields.transportOffered} label={t("tag.transport")} />
      <CheckboxField meta={fields.beginnerFriendly} label={t("tag.beginners")} />
      <LanguagesField meta={fields.languages} />
      <InputField meta={fields.whatToBring} label={t("detail.whatToBring")} />

      <h2>{t("detail.accessibility")}</h2>
      <CheckboxField meta={fields.wheelchairAccess} label={t("tag.wheelchair")} />
      <CheckboxField meta={fields.accessibleToilet} label={t("detail.accessibleToilet")} />
      <InputField meta={fields.barrierFreeNote} label={t("manage.place.barrierFreeNote")} />

      <ContactFields name={fields.contactName} phone={fields.contactPhone} email={fields.contactEmail} />
      <InputField meta={fields.website} label={t("manage.form.website")} type="url" hint={t("manage.form.urlHint")} />

      <SaveButtons status={status} />
    </Form>
  );
}
