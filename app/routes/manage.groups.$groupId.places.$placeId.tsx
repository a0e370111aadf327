import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ItemPageHeader, ReviewNotice, StatusActions } from "~/components/item-form";
import { PlaceForm } from "~/modules/places/place-form";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { asFormValues, withProposal } from "~/modules/forms/form-values";
import { reviewState } from "~/modules/publishing/review-state.server";
import { afterSave, loadFormPage } from "~/modules/groups/workspace-pages.server";
import { changePlaceStatus, getGroupPlace, savePlace } from "~/modules/places/commands.server";
import { placeSchema } from "~/modules/places/schemas";
import { describeSchedule } from "~/modules/schedule/describe";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params);
  // { id, groupId }: another group's place id is a 404, the same as an id that does not exist.
  const place = await getGroupPlace(groupId, parseIdParam(params.placeId));
  if (!place) notFound();
  const { t, group, options, today } = await loadFormPage(request, groupId);
  const review = await reviewState("place", place.id);
  const { controls, categoryIds, audienceIds, languages, id, status, scheduleRule, ...fields } = place;
  const keepText =
    controls.repeat === "keep"
      ? describeSchedule({ rule: scheduleRule, startTime: place.scheduleStart, endTime: place.scheduleEnd, skipHolidays: place.skipHolidays }, t)
      : undefined;
  return {
    meta: { title: t("manage.places.edit", { name: place.name }), siteName: t("site.name") },
    group: { id: group.id, name: group.name, status: group.status },
    place: { id, name: place.name, status },
    options,
    today,
    keepText,
    review: { lastDecision: review.lastDecision, pendingEdit: review.pendingEdit && { fields: review.pendingEdit.fields } },
    defaults: withProposal(asFormValues({ ...fields, ...controls, repeat: controls.repeat, categoryIds, audienceIds, languages }), review.pendingEdit?.input),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const placeId = parseIdParam(params.placeId);
  const place = await getGroupPlace(groupId, placeId);
  if (!place) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "withdraw") {
    await changePlaceStatus(groupId, user.id, placeId, intent);
    throw redirect(`/manage/groups/${groupId}/places/${placeId}?saved=1`);
  }
  const schema = placeSchema({ today: tokyoDateKey(new Date()), creating: false, keepRule: place.scheduleRule });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await savePlace(groupId, user.id, placeId, submission.value, submission.value.intent);
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
  throw redirect(afterSave(groupId, "places", saved.id, submission.value.intent, saved.status));
}

export const handle = { i18n: ["listing", "detail", "manage"] };

export default function EditPlace() {
  const { group, place, options, today, keepText, defaults, review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <ItemPageHeader groupId={group.id} groupName={group.name} groupStatus={group.status} title={t("manage.places.edit", { name: place.name })} status={place.status} />
      <ReviewNotice lastDecision={review.lastDecision} pendingEdit={review.pendingEdit} />
      {params.get("saved") ? (
        <p className="notice notice--info" role="status">
          {t("manage.saved.saved")}
        </p>
      ) : null}
      <p>
        <Link to={`/manage/groups/${group.id}/places/${place.id}/photos`} className="button button--ghost">
          {t("photos.manageLink")}
        </Link>{" "}
        <Link to={`/manage/groups/${group.id}/places/${place.id}/translations`} className="button button--ghost">
          {t("itemTranslations.link")}
        </Link>
      </p>
      <PlaceForm lastResult={actionData?.result} defaults={defaults} options={options} status={place.status} today={today} keepText={keepText} keepRule={keepText ? "keep" : undefined} />
      <StatusActions status={place.status} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
