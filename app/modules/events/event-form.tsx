import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceGroup, FormError, InputField, NumberField, TextAreaField } from "~/components/forms";
import { FeeFields, useItemForm, AreaField, ContactFields, LanguagesField, PlaceChoice, RepeatFields, SaveButtons, TaxonomyFields, TimeFields } from "~/components/item-form";
import type { FormDefaults } from "~/modules/forms/form-values";
import { LIMITS } from "~/modules/forms/item-schemas";
import { eventSchema } from "~/modules/events/schemas";
import { CLOSE_MODES } from "~/modules/events/close-deadline";

type Option = { id: number; name: string };

export function EventForm({
  lastResult,
  defaults,
  options,
  status,
  today,
  keepText,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: FormDefaults;
  options: { areas: Option[]; categories: Option[]; audiences: Option[]; places: Option[] };
  status: string | null;
  today: string;
  keepText?: string;
}) {
  const { t } = useTranslation();
  const schema = eventSchema({ today, creating: status === null, keepRule: keepText ? "keep" : undefined });
  const [form, fields] = useItemForm("event", schema, lastResult, defaults);
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <h2>{t("manage.form.basics")}</h2>
      <InputField meta={fields.title} label={t("manage.form.title")} required />
      <InputField meta={fields.titleKana} label={t("manage.form.kana")} hint={t("manage.form.kanaHint")} />
      <TextAreaField meta={fields.summary} label={t("manage.form.summary")} hint={t("manage.form.summaryHint")} rows={2} />
      <TextAreaField meta={fields.description} label={t("manage.form.description")} hint={t("manage.form.maxChars", { max: 5000 })} rows={8} />
      <TaxonomyFields categories={fields.categoryIds} audiences={fields.audienceIds} options={options} />

      <h2>{t("detail.when")}</h2>
      {/* One of the two sections shows, as the kind chosen above it says: CSS :has() without JavaScript; a browser
          without :has() shows both, and the server reads only the chosen kind's fields. */}
      <div className="event-when">
        <ChoiceGroup
          meta={fields.kind}
          legend={t("manage.event.kind")}
          type="radio"
          options={[
            { value: "once", label: t("event.oneOff") },
            { value: "series", label: t("event.series") },
          ]}
        />
        <TimeFields start={fields.startTime} end={fields.endTime} legend={t("manage.form.times")} />
        <fieldset className="field event-when__once">
          <legend>{t("manage.event.onceLegend")}</legend>
          <InputField meta={fields.date} label={t("manage.form.date")} type="date" hint={t("manage.form.dateHint")} />
        </fieldset>
        <fieldset className="field event-when__series">
          <legend>{t("manage.event.seriesLegend")}</legend>
          <p className="field__hint">{t("manage.event.seriesHint")}</p>
          <RepeatFields repeat={fields.repeat} weekdays={fields.weekdays} nths={fields.nths} allowNone={false} keepText={keepText} />
          <InputField meta={fields.seriesStart} label={t("manage.event.seriesStart")} type="date" hint={t("manage.form.dateHint")} />
          <InputField meta={fields.seriesEnd} label={t("manage.event.seriesEnd")} type="date" hint={t("manage.event.seriesEndHint")} />
          <CheckboxField meta={fields.skipHolidays} label={t("manage.form.skipHolidays")} />
        </fieldset>
      </div>

      <h2>{t("detail.where")}</h2>
      <PlaceChoice meta={fields.placeId} places={options.places} />
      <AreaField meta={fields.areaId} areas={options.areas} hint={t("manage.form.areaFromPlace")} />
      <InputField meta={fields.venueName} label={t("manage.form.venueName")} />
      <InputField meta={fields.venueAddress} label={t("manage.form.address")} />
      <InputField meta={fields.onlineUrl} label={t("manage.event.onlineUrl")} type="url" hint={t("manage.form.urlHint")} />

      <h2>{t("manage.form.joining")}</h2>
      <FeeFields kind={fields.feeKind} amount={fields.fee} freeFor={fields.feeFreeFor} note={fields.feeNote} />
      <NumberField meta={fields.capacity} label={t("detail.capacity")} hint={t("manage.event.capacityHint", LIMITS.capacity)} />
      <div className="event-close">
        <CheckboxField meta={fields.registrationRequired} label={t("manage.event.registrationRequired")} />
        <CheckboxField meta={fields.phoneRegistration} label={t("manage.event.phoneRegistration")} hint={t("manage.event.phoneRegistrationHint")} />
        {/* The deadline in the organiser's words; stored as hours before each date (close-deadline.ts). */}
        <div className="event-close__choice">
          <ChoiceGroup
            meta={fields.closeMode}
            legend={t("manage.event.closeLegend")}
            type="radio"
            options={CLOSE_MODES.map((mode) => ({ value: mode, label: t(`manage.event.close.${mode}`) }))}
          />
          <div className="event-close__hours">
            <NumberField meta={fields.registrationCloseHours} label={t("manage.event.closeHours")} hint={t("manage.event.closeHoursHint", LIMITS.closeHours)} />
          </div>
          <div className="event-close__at">
            <InputField meta={fields.closeDate} label={t("manage.event.closeDate")} type="date" hint={t("manage.event.closeAtHint")} />
            <InputField meta={fields.closeTime} label={t("manage.event.closeTime")} type="time" />
          </div>
        </div>
      </div>
      <CheckboxField meta={fields.beginnerFriendly} label={t("tag.beginners")} />
      <LanguagesField meta={fields.languages} />
      <InputField meta={fields.whatToBring} label={t("detail.whatToBring")} />

      <ContactFields name={fields.contactName} phone={fields.contactPhone} email={fields.contactEmail} />
      <SaveButtons status={status} />
    </Form>
  );
}
