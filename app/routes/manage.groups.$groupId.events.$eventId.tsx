import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { When } from "~/components/format";
import { closeModeOf } from "~/modules/events/close-deadline";
import { EventForm } from "~/modules/events/event-form";
import { ItemPageHeader, ReviewNotice, StatusActions } from "~/components/item-form";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { changeEventStatus, duplicateEvent, getGroupEvent, saveEvent } from "~/modules/events/commands.server";
import { asFormValues, withProposal } from "~/modules/forms/form-values";
import { reviewState } from "~/modules/publishing/review-state.server";
import { afterSave, loadFormPage } from "~/modules/groups/workspace-pages.server";
import { eventSchema } from "~/modules/events/schemas";
import { describeSchedule } from "~/modules/schedule/describe";
import { tokyoDateKey } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId } = await requireWorkspace(request, params);
  const event = await getGroupEvent(groupId, parseIdParam(params.eventId));
  if (!event) notFound();
  const { t, group, options, today } = await loadFormPage(request, groupId);
  const review = await reviewState("event", event.id);
  const keepText =
    event.controls.repeat === "keep"
      ? describeSchedule({ rule: event.recurrenceRule, startTime: event.startTime, endTime: event.endTime, skipHolidays: event.skipHolidays }, t)
      : undefined;
  const { controls } = event;
  return {
    meta: { title: t("manage.events.edit", { name: event.title }), siteName: t("site.name") },
    group: { id: group.id, name: group.name, status: group.status },
    event: { id: event.id, title: event.title, status: event.status },
    dates: event.dates.map((d) => ({
      id: d.id,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      status: d.status,
      registered: d.registeredCount,
    })),
    options,
    today,
    keepText,
    review: { lastDecision: review.lastDecision, pendingEdit: review.pendingEdit && { fields: review.pendingEdit.fields } },
    defaults: withProposal(asFormValues({
      title: event.title,
      titleKana: event.titleKana,
      summary: event.summary,
      description: event.description,
      placeId: event.placeId,
      areaId: event.areaId,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      onlineUrl: event.onlineUrl,
      feeKind: event.feeKind,
      fee: event.fee,
      feeFreeFor: event.feeFreeFor,
      feeNote: event.feeNote,
      capacity: event.capacity,
      registrationRequired: event.registrationRequired,
      registrationCloseHours: event.registrationCloseHours,
      phoneRegistration: event.phoneRegistration,
      closeMode: closeModeOf(event.registrationCloseHours, event.startTime),
      beginnerFriendly: event.beginnerFriendly,
      languages: event.languages,
      whatToBring: event.whatToBring,
      contactName: event.contactName,
      contactPhone: event.contactPhone,
      contactEmail: event.contactEmail,
      kind: event.kind,
      date: event.date,
      startTime: event.startTime,
      endTime: event.endTime,
      repeat: event.kind === "series" ? controls.repeat : "weekly",
      weekdays: controls.weekdays,
      nths: controls.nths,
      seriesStart: event.recurrenceStart || today,
      seriesEnd: event.recurrenceEnd,
      skipHolidays: event.skipHolidays,
      categoryIds: event.categoryIds,
      audienceIds: event.audienceIds,
    }), review.pendingEdit?.input),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const eventId = parseIdParam(params.eventId);
  const event = await getGroupEvent(groupId, eventId);
  if (!event) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "withdraw") {
    await changeEventStatus(groupId, user.id, eventId, intent);
    throw redirect(`/manage/groups/${groupId}/events/${eventId}?saved=1`);
  }
  if (intent === "duplicate") {
    const copyId = await duplicateEvent(groupId, eventId);
    if (!copyId) notFound();
    throw redirect(`/manage/groups/${groupId}/events/${copyId}?copied=1`);
  }
  const schema = eventSchema({ today: tokyoDateKey(new Date()), creating: false, keepRule: event.recurrenceRule });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await saveEvent(groupId, user.id, eventId, submission.value, submission.value.intent);
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
  throw redirect(afterSave(groupId, "events", saved.id, submission.value.intent, saved.status));
}

export const handle = { i18n: ["listing", "detail", "events", "manage"] };

export default function EditEvent() {
  const { group, event, dates, options, today, keepText, defaults, review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page">
      <ItemPageHeader groupId={group.id} groupName={group.name} groupStatus={group.status} title={t("manage.events.edit", { name: event.title })} status={event.status} />
      <ReviewNotice lastDecision={review.lastDecision} pendingEdit={review.pendingEdit} />
      {params.get("saved") || params.get("copied") ? (
        <p className="notice notice--info" role="status">
          {t(params.get("copied") ? "manage.saved.copied" : "manage.saved.saved")}
        </p>
      ) : null}
      <p className="notice notice--info">{t("manage.event.changeNote")}</p>
      <p>
        <Link to={`/manage/groups/${group.id}/events/${event.id}/translations`} className="button button--ghost">
          {t("itemTranslations.link")}
        </Link>
      </p>
      <EventForm lastResult={actionData?.result} defaults={defaults} options={options} status={event.status} today={today} keepText={keepText} />
      <section className="panel" aria-labelledby="dates-h">
        <h2 id="dates-h">{t("manage.event.upcoming")}</h2>
        {dates.length ? (
          <ul className="date-list">
            {dates.map((d) => (
              <li key={d.id} className={d.status === "cancelled" ? "date-list__off" : undefined}>
                <When startsAt={d.startsAt} endsAt={d.endsAt} long />{" "}
                {d.status !== "scheduled" ? <span className="tag tag--warn">{t(`manage.dateStatus.${d.status}`)}</span> : null}{" "}
                {d.registered ? <span className="tag tag--plain">{t("manage.event.registered", { count: d.registered })}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("event.noUpcoming")}</p>
        )}
      </section>
      <StatusActions status={event.status} duplicate />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
