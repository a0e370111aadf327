import { prepareThanks } from "~/modules/matching/next-steps.server";
import { idFrom } from "~/utils/ids";
import { RequiredIdField } from "~/modules/forms/choice-fields";
import { parseWithZod } from "@conform-to/zod";
import { ParticipantContact } from "~/modules/participation/participant-contact";
import { CorrectAttendance } from "~/modules/participation/correct-attendance";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { text } from "~/utils/text";
import { useTranslation } from "react-i18next";
import { cancelEventDate, listRegistrants, previewEventDateCancellation, recordRegistrationAttendance, viewParticipants } from "~/modules/participation/organiser.server";
import { ATTENDANCE_STATUSES, REGISTRATION_STATUS } from "~/modules/participation/status";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { When } from "~/components/format";
import { noticeOf } from "~/modules/participation/organiser-notice";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const eventId = parseIdParam(params.eventId);
  const { groupId, user: member, can } = await requireWorkspace(request, params);
  const { t } = await getRequestI18n(request);
  const contacts = can["see-contacts"];
  const data = await viewParticipants({ memberId: member.id, contacts }, { action: "registrants.viewed", entityType: "event", entityId: eventId }, (options) => listRegistrants(groupId, eventId, options));
  if (!data) notFound();
  // 「この日を中止する」 is a link to this page with ?cancel=<date>: the confirmation is a page of its own, so it works
  // without JavaScript, and only its form cancels.
  const cancelId = idFrom(new URL(request.url).searchParams.get("cancel"));
  const cancelling = can["manage-participants"] && cancelId !== null ? await previewEventDateCancellation(groupId, eventId, cancelId) : null;
  return {
    meta: { title: t("manageRegistrations.title", { title: data.title }), siteName: t("site.name") },
    groupId,
    event: data,
    can: { contacts, decide: can["manage-participants"] },
    cancelling,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel-date"), eventDateId: RequiredIdField, note: text({ max: 200 }) }),
  z.object({ intent: z.literal(REGISTRATION_STATUS.attended), registrationId: RequiredIdField }),
  z.object({ intent: z.literal(REGISTRATION_STATUS.noShow), registrationId: RequiredIdField }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  parseIdParam(params.eventId);
  const { groupId, user: member } = await requireWorkspace(request, params, "manage-participants");
  const parsed = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (parsed.status !== "success") return data({ result: parsed.reply({ formErrors: ["manageApplicants.badInput"] }) }, { status: 400 });
  const input = parsed.value;
  const result =
    input.intent === "cancel-date"
      ? await cancelEventDate({ groupId, eventDateId: input.eventDateId, note: input.note, staffUserId: member.id })
      : await recordRegistrationAttendance({ groupId, registrationId: input.registrationId, attended: input.intent === REGISTRATION_STATUS.attended, staffUserId: member.id, thank: prepareThanks });
  if (!result.ok) return { message: `manageApplicants.refused.${result.reason}`, tone: "warn" as const };
  return { message: `manageRegistrations.done.${input.intent}`, tone: "info" as const, count: "told" in result ? result.told : undefined };
}

export const handle = { i18n: ["listing", "events", "volunteering", "participation", "manage"] };

export default function RegistrationsPage() {
  const { event, groupId, can, cancelling } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const result = noticeOf(actionData);
  return (
    <div className="container page">
      <p>
        <Link to={`/manage/groups/${groupId}`}>{t("manageApplicants.back")}</Link>
      </p>
      <h1>{t("manageRegistrations.title", { title: event.title })}</h1>
      {can.contacts ? null : (
        <p className="notice notice--warn" role="status">
          {t("manageApplicants.contactsHidden")}
        </p>
      )}
      {result ? (
        <p className={`notice notice--${result.tone}`} role="status">
          {t(result.message, { count: result.count ?? 0 })}
        </p>
      ) : null}
      {event.dates.map((d) => (
        <section key={d.id} className="panel" aria-labelledby={`date-${d.id}`}>
          <h2 id={`date-${d.id}`}>
            <When startsAt={d.startsAt} endsAt={d.endsAt} long />{" "}
            <span className="count">
              {d.status === "cancelled"
                ? t("event.cancelled")
                : d.capacity == null
                  ? t("manageRegistrations.countNoLimit", { count: d.registeredCount })
                  : t("manageRegistrations.count", { count: d.registeredCount, capacity: d.capacity })}
            </span>
          </h2>
          {d.registrations.length === 0 ? <p>{t("manageApplicants.none")}</p> : null}
          <ul className="link-list">
            {d.registrations.map((r) => (
              <li key={r.id} className="applicant">
                <strong>{r.name ?? t("manageApplicants.deletedAccount")}</strong> <span className="tag tag--info">{t(`participation.status.${r.status}`)}</span>{" "}
                <span>{t("participation.people", { count: r.partySize })}</span>
                <ParticipantContact shared={r.contactShared} email={r.email} phone={r.phone} />
                {can.decide && d.past && r.status === REGISTRATION_STATUS.accepted ? (
                  <AttendanceButtons id={r.id} name={r.name} />
                ) : can.decide && d.past && ATTENDANCE_STATUSES.includes(r.status) ? (
                  <CorrectAttendance name={r.name}>
                    <AttendanceButtons id={r.id} name={r.name} />
                  </CorrectAttendance>
                ) : null}
              </li>
            ))}
          </ul>
          {can.decide && !d.past && d.status !== "cancelled" && cancelling?.id === d.id ? (
            // Posted with ?cancel= kept, so a refused answer shows its warning beside the same confirmation.
            <Form method="post" action={`/manage/groups/${groupId}/events/${event.id}/registrations?cancel=${d.id}`} className="stack cancel-confirm" aria-labelledby={`cancel-${d.id}`}>
              <h3 id={`cancel-${d.id}`}>{t("manageRegistrations.confirmTitle")}</h3>
              <p className="cancel-confirm__told" data-testid="cancel-told">
                {cancelling.registrations === 0
                  ? t("manageRegistrations.confirmNobody")
                  : t("manageRegistrations.confirmTold", { count: cancelling.registrations, people: cancelling.people })}
              </p>
              <input type="hidden" name="intent" value="cancel-date" />
              <input type="hidden" name="eventDateId" value={d.id} />
              <div className="field">
                <label htmlFor={`note-${d.id}`}>{t("manageRegistrations.cancelNote")}</label>
                <textarea id={`note-${d.id}`} name="note" rows={3} maxLength={200} />
              </div>
              <div className="form-actions">
                <button type="submit" className="button button--danger">
                  {t("manageRegistrations.confirmCancel")}
                </button>
                <Link to={`/manage/groups/${groupId}/events/${event.id}/registrations`} className="button button--ghost">
                  {t("manageRegistrations.keepDate")}
                </Link>
              </div>
            </Form>
          ) : can.decide && !d.past && d.status !== "cancelled" ? (
            <p>
              <Link to={`?cancel=${d.id}#cancel-${d.id}`} className="button button--ghost">
                {t("manageRegistrations.cancelDate")}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function AttendanceButtons({ id, name }: { id: number; name: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="applicant__actions">
      {([REGISTRATION_STATUS.attended, REGISTRATION_STATUS.noShow] as const).map((intent) => (
        <Form method="post" className="inline-form" key={intent}>
          <input type="hidden" name="registrationId" value={id} />
          <button type="submit" name="intent" value={intent} className="button button--ghost">
            {t(intent === REGISTRATION_STATUS.attended ? "manageRegistrations.markAttended" : "manageApplicants.markNoShow")}
            <span className="visually-hidden">（{name}）</span>
          </button>
        </Form>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
