import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemPageHeader, ReviewNotice, StatusActions } from "~/components/item-form";
import { OpeningForm } from "~/modules/volunteering/opening-form";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { asFormValues, padRows, withProposal, type FormDefaults } from "~/modules/forms/form-values";
import { reviewState } from "~/modules/publishing/review-state.server";
import { changeOpeningStatus, getGroupOpening, saveOpening } from "~/modules/volunteering/commands.server";
import { afterSave, loadFormPage } from "~/modules/groups/workspace-pages.server";
import { LIMITS } from "~/modules/forms/item-schemas";
import { openingSchema } from "~/modules/volunteering/schemas";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params);
  const opening = await getGroupOpening(groupId, parseIdParam(params.openingId));
  if (!opening) notFound();
  const { t, group, options, today } = await loadFormPage(request, groupId);
  const review = await reviewState("opening", opening.id);
  const { shifts, categoryIds, audienceIds, languages, id, status, ongoingSlots, ...fields } = opening;
  const shown = shifts.slice(0, LIMITS.maxShifts);
  const rows = [
    ...shown.map((s) => asFormValues({ id: s.id, date: s.date, start: s.start, end: s.end, slots: s.slots }) as Record<string, string>),
    ...Array.from({ length: LIMITS.maxShifts - shown.length }, () => ({})),
  ];
  return {
    meta: { title: t("manage.openings.edit", { name: opening.title }), siteName: t("site.name") },
    group: { id: group.id, name: group.name, status: group.status },
    opening: { id, title: opening.title, status, moreShifts: shifts.length - shown.length },
    shiftInfo: Object.fromEntries(shown.map((s) => [String(s.id), { applications: s.applications, accepted: s.acceptedCount }])),
    options,
    today,
    review: { lastDecision: review.lastDecision, pendingEdit: review.pendingEdit && { fields: review.pendingEdit.fields } },
    defaults: padShiftRows(withProposal({ ...asFormValues({ ...fields, ongoingSlots, categoryIds, audienceIds, languages }), shifts: rows }, review.pendingEdit?.input)),
  };
}

/** The form always shows every shift row (a proposal may have fewer). */
function padShiftRows(defaults: FormDefaults): FormDefaults {
  const shifts = Array.isArray(defaults.shifts) ? [...(defaults.shifts as Record<string, string>[])] : [];
  while (shifts.length < LIMITS.maxShifts) shifts.push({});
  return { ...defaults, shifts };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const openingId = parseIdParam(params.openingId);
  const opening = await getGroupOpening(groupId, openingId);
  if (!opening) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "withdraw") {
    await changeOpeningStatus(groupId, user.id, openingId, intent);
    throw redirect(`/manage/groups/${groupId}/openings/${openingId}?saved=1`);
  }
  const schema = openingSchema({ today: tokyoDateKey(new Date()), creating: false });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: padRows(submission.reply(), "shifts", LIMITS.maxShifts) }, { status: 400 });
  const saved = await saveOpening(groupId, user.id, openingId, submission.value, submission.value.intent);
  if (!saved.ok) return data({ result: padRows(submission.reply({ fieldErrors: saved.fieldErrors }), "shifts", LIMITS.maxShifts) }, { status: 400 });
  throw redirect(afterSave(groupId, "openings", saved.id, submission.value.intent, saved.status));
}

export const handle = { i18n: ["listing", "detail", "volunteering", "manage"] };

export default function EditOpening() {
  const { group, opening, shiftInfo, options, today, defaults, review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <ItemPageHeader groupId={group.id} groupName={group.name} groupStatus={group.status} title={t("manage.openings.edit", { name: opening.title })} status={opening.status} />
      <ReviewNotice lastDecision={review.lastDecision} pendingEdit={review.pendingEdit} />
      {params.get("saved") ? (
        <p className="notice notice--info" role="status">
          {t("manage.saved.saved")}
        </p>
      ) : null}
      <p className="notice notice--info">{t("manage.opening.changeNote")}</p>
      <p>
        <Link to={`/manage/groups/${group.id}/openings/${opening.id}/translations`} className="button button--ghost">
          {t("itemTranslations.link")}
        </Link>
      </p>
      {opening.moreShifts > 0 ? <p className="notice notice--info">{t("manage.opening.moreShifts", { count: opening.moreShifts })}</p> : null}
      <OpeningForm lastResult={actionData?.result} defaults={defaults} options={options} status={opening.status} today={today} shiftInfo={shiftInfo} />
      <StatusActions status={opening.status} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
