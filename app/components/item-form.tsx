import { useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import type { FormDefaults } from "~/modules/forms/form-values";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusTag } from "./status-tag";
import { Breadcrumbs } from "~/components/detail";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";
import { ChoiceGroup, InputField, NumberField, SelectField } from "~/components/forms";
import { FEE_FREE_FOR, FEE_KINDS } from "~/modules/fees/fee";
import { LIMITS } from "~/modules/forms/item-schemas";
import { NTHS, WEEKDAYS } from "~/modules/schedule/rule-controls";
import { canArchive, canSubmit, canWithdraw } from "~/modules/publishing/status";

// Pieces shared by the place, event and opening forms of the organiser workspace, built from the one field set
// (components/forms.tsx).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;
type Option = { id: number; name: string };

const toOptions = (items: Option[]) => items.map((i) => ({ value: String(i.id), label: i.name }));

/**
 * The conform setup of every organiser item form (place, event, opening): the server's values as the form shows them
 * (see asFormValues), checked on blur with the same schema the action parses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's forms are generic over every schema shape
export function useItemForm<Schema extends z.ZodType<Record<string, any>, z.ZodTypeDef, Record<string, any>>>(
  id: string,
  schema: Schema,
  lastResult: SubmissionResult<string[]> | undefined,
  defaults: FormDefaults,
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: defaults as never,
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

export function ItemPageHeader({
  groupId,
  groupName,
  groupStatus,
  title,
  status,
}: {
  groupId: number;
  groupName: string;
  /** Not "approved": the page says what the group can and cannot do (see canActForGroup). */
  groupStatus?: string;
  title: string;
  status?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs items={[{ to: "/manage", label: t("manage.title") }, { to: `/manage/groups/${groupId}`, label: groupName }, { label: title }]} />
      <h1>{title}</h1>
      {groupStatus && groupStatus !== "approved" ? (
        <p className="notice notice--warn" role="status">
          {t(`manage.workspace.note.${groupStatus}`)}
        </p>
      ) : null}
      {status ? (
        <p>
          {t("manage.form.currentStatus")} <StatusTag status={status} kind="item" />
        </p>
      ) : null}
      {status ? <p className="field__hint">{t(`manage.statusHelp.${status}`)}</p> : null}
    </>
  );
}

/**
 * Staff's word on this item in the organiser's workspace: the reason for a refusal or for hiding it, and the
 * changes that wait for staff while the public page keeps its approved version (publishing/review-state.server.ts).
 */
export function ReviewNotice({
  lastDecision,
  pendingEdit,
}: {
  lastDecision: { action: string; reason: string } | null;
  pendingEdit: { fields: string[] } | null;
}) {
  const { t } = useTranslation();
  const refused = lastDecision && lastDecision.reason && REFUSALS.has(lastDecision.action) ? lastDecision : null;
  if (!refused && !pendingEdit) return null;
  return (
    <section className="panel stack" aria-labelledby="review-notice-h">
      <h2 id="review-notice-h">{t("manage.review.title")}</h2>
      {pendingEdit ? (
        <p className="notice notice--info" role="status">
          {t("manage.review.pendingEdit", { fields: pendingEdit.fields.map((f) => t(`manage.review.field.${f}`)).join(t("manage.review.separator")) })}
        </p>
      ) : null}
      {refused ? (
        <div className="notice notice--warn">
          <p>{t(`manage.review.decision.${refused.action}`)}</p>
          <p>
            {t("manage.review.reason")}：<span lang="ja">{refused.reason}</span>
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Staff decisions that come with a reason the group must see. */
const REFUSALS = new Set(["reject", "hide", "reject-edit"]);

/** The buttons that end the main form: save (a draft when new) and, when allowed, submit for review. */
export function SaveButtons({ status }: { status: string | null }) {
  const { t } = useTranslation();
  const creating = status === null;
  // One primary action: submitting for review when it is offered, saving otherwise.
  const offersSubmit = creating || canSubmit(status);
  return (
    <div className="filters__actions">
      <button type="submit" name="intent" value="save" className={offersSubmit ? "button button--ghost" : "button"}>
        {creating || status === "draft" ? t("manage.form.saveDraft") : t("manage.form.save")}
      </button>
      {creating || canSubmit(status) ? (
        <button type="submit" name="intent" value="submit" className="button">
          {t("manage.form.submit")}
        </button>
      ) : null}
    </div>
  );
}

/** Status changes that need no form fields, each its own small POST form. */
export function StatusActions({ status, duplicate = false }: { status: string; duplicate?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="status-actions-h">
      <h2 id="status-actions-h">{t("manage.form.otherActions")}</h2>
      <div className="filters__actions">
        {canWithdraw(status) ? (
          <Form method="post">
            <button type="submit" name="intent" value="withdraw" className="button button--ghost">
              {t("manage.form.withdraw")}
            </button>
          </Form>
        ) : null}
        {duplicate ? (
          <Form method="post">
            <button type="submit" name="intent" value="duplicate" className="button button--ghost">
              {t("manage.form.duplicate")}
            </button>
          </Form>
        ) : null}
        {canArchive(status) ? (
          <Form method="post">
            <button type="submit" name="intent" value="archive" className="button button--ghost">
              {t("manage.form.archive")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

export function AreaField({ meta, areas, hint }: { meta: AnyMeta; areas: Option[]; hint?: string }) {
  const { t } = useTranslation();
  return <SelectField meta={meta} label={t("manage.form.area")} blank={t("manage.form.notSet")} options={toOptions(areas)} hint={hint} />;
}

export function PlaceChoice({ meta, places }: { meta: AnyMeta; places: Option[] }) {
  const { t } = useTranslation();
  return <SelectField meta={meta} label={t("manage.form.place")} blank={t("manage.form.noPlace")} options={toOptions(places)} hint={t("manage.form.placeHint")} />;
}

export function LanguagesField({ meta }: { meta: AnyMeta }) {
  const { t } = useTranslation();
  return <ChoiceGroup meta={meta} legend={t("manage.form.languages")} options={CONTENT_LANGUAGES.map((c) => ({ value: c, label: t(`language.${c}`) }))} />;
}

export function TaxonomyFields({ categories, audiences, options }: { categories: AnyMeta; audiences: AnyMeta; options: { categories: Option[]; audiences: Option[] } }) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceGroup meta={categories} legend={t("filter.category")} options={toOptions(options.categories)} />
      <ChoiceGroup meta={audiences} legend={t("filter.audience")} options={toOptions(options.audiences)} />
    </>
  );
}

/**
 * The fee as the organiser says it: a kind (radio buttons, so it works without JavaScript), the amount the paying
 * visitors pay and, when partly free, who does not pay. The resident sees it worded by fees/fee.ts.
 */
export function FeeFields({ kind, amount, freeFor, note }: { kind: AnyMeta; amount: AnyMeta; freeFor: AnyMeta; note: AnyMeta }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field fee-fields">
      <legend>{t("manage.form.fee")}</legend>
      <ChoiceGroup meta={kind} legend={t("manage.form.feeKind")} type="radio" options={FEE_KINDS.map((k) => ({ value: k, label: t(`manage.form.feeKinds.${k}`) }))} />
      <div className="fee-fields__amount">
        <NumberField meta={amount} label={t("manage.form.feeAmount")} hint={t("manage.form.feeAmountHint", LIMITS.fee)} />
      </div>
      <div className="fee-fields__free-for">
        <SelectField
          meta={freeFor}
          label={t("manage.form.feeFreeFor")}
          hint={t("manage.form.feeFreeForHint")}
          blank={t("manage.form.feeFreeForOther")}
          options={FEE_FREE_FOR.map((w) => ({ value: w, label: t(`manage.form.feeFreeForOptions.${w}`) }))}
        />
      </div>
      <InputField meta={note} label={t("manage.form.feeNote")} hint={t("manage.form.feeNoteHint")} />
    </fieldset>
  );
}

export function ContactFields({ name, phone, email }: { name: AnyMeta; phone: AnyMeta; email: AnyMeta }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{t("detail.contact")}</legend>
      <p className="field__hint">{t("manage.form.contactHint")}</p>
      <InputField meta={name} label={t("manage.form.contactName")} autoComplete="off" />
      <InputField meta={phone} label={t("manage.form.contactPhone")} type="tel" autoComplete="off" />
      <InputField meta={email} label={t("manage.form.contactEmail")} type="email" autoComplete="off" />
    </fieldset>
  );
}

/** Repeat pattern from simple controls: how often, on which weekdays, and (monthly) which weeks. */
export function RepeatFields({
  repeat,
  weekdays,
  nths,
  allowNone,
  keepText,
}: {
  repeat: AnyMeta;
  weekdays: AnyMeta;
  nths: AnyMeta;
  allowNone: boolean;
  /** The stored pattern in words, when the controls cannot show it ("keep as it is"). */
  keepText?: string;
}) {
  const { t } = useTranslation();
  const repeats = [
    ...(allowNone ? [{ value: "none", label: t("manage.repeat.none") }] : []),
    { value: "weekly", label: t("manage.repeat.weekly") },
    { value: "biweekly", label: t("manage.repeat.biweekly") },
    { value: "monthly", label: t("manage.repeat.monthly") },
    ...(keepText ? [{ value: "keep", label: t("manage.repeat.keep", { pattern: keepText }) }] : []),
  ];
  return (
    <>
      <ChoiceGroup meta={repeat} legend={t("manage.repeat.label")} type="radio" options={repeats} />
      <ChoiceGroup meta={weekdays} legend={t("manage.repeat.weekdays")} options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
      <ChoiceGroup
        meta={nths}
        legend={t("manage.repeat.nths")}
        hint={t("manage.repeat.nthsHint")}
        options={NTHS.map((n) => ({ value: n, label: t(`schedule.nth.${n === "-1" ? "last" : n}`) }))}
      />
    </>
  );
}

export function TimeFields({ start, end, legend }: { start: AnyMeta; end: AnyMeta; legend: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className="filters__grid">
        <InputField meta={start} label={t("manage.form.startTime")} type="time" hint={t("manage.form.timeHint")} />
        <InputField meta={end} label={t("manage.form.endTime")} type="time" />
      </div>
    </fieldset>
  );
}
