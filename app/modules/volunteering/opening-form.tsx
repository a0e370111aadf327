import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, InputField, NumberField, SelectField, TextAreaField } from "~/components/forms";
import { useItemForm, AreaField, ContactFields, LanguagesField, PlaceChoice, SaveButtons, TaxonomyFields } from "~/components/item-form";
import type { FormDefaults } from "~/modules/forms/form-values";
import { LIMITS } from "~/modules/forms/item-schemas";
import { openingSchema } from "~/modules/volunteering/schemas";
import { PARTICIPATION_MODES } from "~/modules/volunteering/constants";

type Option = { id: number; name: string };

export function OpeningForm({
  lastResult,
  defaults,
  options,
  status,
  today,
  shiftInfo = {},
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: FormDefaults;
  options: { areas: Option[]; categories: Option[]; audiences: Option[]; places: Option[] };
  status: string | null;
  today: string;
  /** Applications per existing shift id, shown next to the row. */
  shiftInfo?: Record<string, { applications: number; accepted: number }>;
}) {
  const { t } = useTranslation();
  const schema = openingSchema({ today, creating: status === null });
  const [form, fields] = useItemForm("opening", schema, lastResult, defaults);
  const rows = fields.shifts.getFieldList();
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <h2>{t("manage.form.basics")}</h2>
      <InputField meta={fields.title} label={t("manage.form.title")} required />
      <InputField meta={fields.titleKana} label={t("manage.form.kana")} hint={t("manage.form.kanaHint")} />
      <TextAreaField meta={fields.summary} label={t("manage.form.summary")} hint={t("manage.form.summaryHint")} rows={2} />
      <TextAreaField meta={fields.description} label={t("opening.what")} hint={t("manage.form.maxChars", { max: 5000 })} rows={6} />
      <TextAreaField meta={fields.purpose} label={t("opening.why")} rows={4} />
      <InputField meta={fields.skills} label={t("opening.skills")} hint={t("manage.opening.skillsHint")} />
      <TaxonomyFields categories={fields.categoryIds} audiences={fields.audienceIds} options={options} />

      <h2>{t("opening.shifts")}</h2>
      <CheckboxField meta={fields.ongoing} label={t("manage.opening.ongoing")} hint={t("manage.opening.ongoingHint")} />
      <NumberField meta={fields.ongoingSlots} label={t("manage.opening.ongoingSlots")} hint={t("manage.opening.slotsHint", LIMITS.slots)} />
      <p className="field__hint">{t("manage.opening.shiftsHint", { max: LIMITS.maxShifts })}</p>
      <FormError id={fields.shifts.errorId} errors={fields.shifts.errors} />
      {rows.map((row, i) => {
        const shift = row.getFieldset();
        const id = typeof shift.id.initialValue === "string" ? shift.id.initialValue : "";
        const info = id ? shiftInfo[id] : undefined;
        return (
          <fieldset className="field" key={row.key ?? i}>
            <legend>{t("manage.opening.shiftN", { n: i + 1 })}</legend>
            {id ? <input {...getInputProps(shift.id, { type: "hidden" })} key={shift.id.key} /> : null}
            {info ? <p className="field__hint">{t("manage.opening.shiftApplicants", { count: info.applications, accepted: info.accepted })}</p> : null}
            <div className="filters__grid">
              <InputField meta={shift.date} label={t("manage.form.date")} type="date" />
              <InputField meta={shift.start} label={t("manage.form.startTime")} type="time" />
              <InputField meta={shift.end} label={t("manage.form.endTime")} type="time" />
              <NumberField meta={shift.slots} label={t("manage.opening.slots")} hint={t("manage.opening.slotsHint", LIMITS.slots)} />
            </div>
            {id ? <CheckboxField meta={shift.remove} label={t("manage.opening.removeShift")} hint={t("manage.opening.removeShiftHint")} /> : null}
          </fieldset>
        );
      })}
      <InputField meta={fields.applyBy} label={t("manage.opening.applyBy")} type="date" hint={t("manage.opening.applyByHint")} />
      <CheckboxField meta={fields.needsApproval} label={t("manage.opening.needsApproval")} />

      <h2>{t("detail.where")}</h2>
      <SelectField
        meta={fields.participationMode}
        label={t("filter.mode")}
        options={PARTICIPATION_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
        required
      />
      <PlaceChoice meta={fields.placeId} places={options.places} />
      <AreaField meta={fields.areaId} areas={options.areas} hint={t("manage.form.areaFromPlace")} />
      <InputField meta={fields.venueName} label={t("manage.form.venueName")} />
      <InputField meta={fields.venueAddress} label={t("manage.form.address")} />

      <h2>{t("manage.form.joining")}</h2>
      <NumberField meta={fields.minAge} label={t("manage.opening.minAge")} hint={t("manage.opening.minAgeHint", LIMITS.minAge)} />
      <CheckboxField meta={fields.insuranceRequired} label={t("tag.insurance")} />
      <CheckboxField meta={fields.beginnerFriendly} label={t("tag.beginners")} />
      <CheckboxField meta={fields.schoolFriendly} label={t("tag.students")} />
      <LanguagesField meta={fields.languages} />
      <InputField meta={fields.whatToBring} label={t("detail.whatToBring")} />

      <ContactFields name={fields.contactName} phone={fields.contactPhone} email={fields.contactEmail} />
      <SaveButtons status={status} />
    </Form>
  );
}
