import { prepareThanks } from "~/modules/matching/next-steps.server";
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
import { APPLICANT_DECISIONS, decideApplication, listApplicants, viewParticipants } from "~/modules/participation/organiser.server";
import { APPLICATION_STATUS, ATTENDANCE_STATUSES, LIVE_APPLICATION_STATUSES, UNDECIDED_APPLICATION_STATUSES } from "~/modules/participation/status";
import { messageShift } from "~/modules/participation/notifications.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { When } from "~/components/format";
import { noticeOf } from "~/modules/participation/organiser-notice";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const openingId = parseIdParam(params.openingId);
  const { groupId, user: member, can } = await requireWorkspace(request, params);
  const { t } = await getRequestI18n(request);
  const contacts = can["see-contacts"];
  const data = await viewParticipants({ memberId: member.id, contacts }, { action: "applicants.viewed", entityType: "opening", entityId: openingId }, (options) => listApplicants(groupId, openingId, options));
  if (!data) notFound();
  return {
    meta: { title: t("manageApplicants.title", { title: data.title }), siteName: t("site.name") },
    groupId,
    opening: data,
    can: { contacts, decide: can["manage-participants"], message: can["message-volunteers"], export: can["export-contacts"] },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

const OUT_OF_ORDER_CONFIRMED = "confirmed";

const HOURS = "manageApplicants.hoursRequired";

const DecisionSchema = z.object({
  applicationId: RequiredIdField,
  decision: z.enum(APPLICANT_DECISIONS, { message: "errors.invalidChoice" }),
  hours: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v.normalize("NFKC").trim()) : undefined))
    .pipe(z.number({ message: HOURS }).min(0.5, HOURS).max(24, HOURS).multipleOf(0.5, HOURS).optional()),
  /** Sent by the confirmation form only: the organiser knows who is waiting ahead and accepts anyway. */
  outOfOrder: z.literal(OUT_OF_ORDER_CONFIRMED).optional(),
});

const MessageSchema = z.object({
  intent: z.literal("message"),
  shiftId: RequiredIdField,
  message: text({ max: 1000, required: true, multiline: true }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  parseIdParam(params.openingId);
  const workspace = await requireWorkspace(request, params);
  const { groupId, user: member } = workspace;
  const formData = await request.formData();
  const intent = formData.get("intent");
  await workspace.require(intent === "message" ? "message-volunteers" : "manage-participants");
  if (intent === "message") {
    const msg = parseWithZod(formData, { schema: MessageSchema });
    if (msg.status !== "success") return data({ result: msg.reply({ formErrors: ["manageApplicants.messageInvalid"] }) }, { status: 400 });
    const sent = await messageShift({ groupId, shiftId: msg.value.shiftId, message: msg.value.message, senderId: member.id });
    return sent === null ? { message: "manageApplicants.refused.not-found", tone: "warn" as const } : { message: "manageApplicants.messageSent", tone: "info" as const, count: sent };
  }
  const parsed = parseWithZod(formData, { schema: DecisionSchema });
  if (parsed.status !== "success") return data({ result: parsed.reply({ formErrors: ["manageApplicants.badInput"] }) }, { status: 400 });
  if (parsed.value.decision === APPLICATION_STATUS.attended && parsed.value.hours === undefined) {
    return data({ result: parsed.reply({ formErrors: ["manageApplicants.hoursRequired"] }) }, { status: 400 });
  }
  const { outOfOrder, ...decision } = parsed.value;
  const result = await decideApplication({ groupId, staffUserId: member.id, ...decision, outOfOrder: outOfOrder === OUT_OF_ORDER_CONFIRMED, thank: prepareThanks });
  if (result.ok) return { message: `manageApplicants.done.${decision.decision}`, tone: "info" as const };
  if (result.reason === "out-of-order") {
    // The page asks again, naming who waits ahead; only the confirmation form's answer accepts.
    const ahead = result.ahead.map((a) => a.name);
    return { message: "manageApplicants.refused.out-of-order", tone: "warn" as const, count: ahead.length, ahead, confirm: decision.applicationId };
  }
  return { message: `manageApplicants.refused.${result.reason}`, tone: "warn" as const };
}

export const handle = { i18n: ["listing", "volunteering", "participation", "account", "manage"] };

export default function ApplicantsPage() {
  const { opening, groupId, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const result = noticeOf(actionData);
  return (
    <div className="container page">
      <p>
        <Link to={`/manage/groups/${groupId}`}>{t("manageApplicants.back")}</Link>
      </p>
      <h1>{t("manageApplicants.title", { title: opening.title })}</h1>
      {result ? (
        <p className={`notice notice--${result.tone}`} role="status">
          {t(result.message, "count" in result ? { count: result.count } : {})}
        </p>
      ) : null}
      {result && "confirm" in result && result.confirm && result.ahead ? (
        <ConfirmOutOfOrder applicationId={result.confirm} ahead={result.ahead} opening={opening} back={`/manage/groups/${groupId}/openings/${opening.id}/applicants`} />
      ) : null}
      {can.contacts ? null : (
        <p className="notice notice--warn" role="status">
          {t("manageApplicants.contactsHidden")}
        </p>
      )}
      {can.export ? (
        <p>
          <a href={`/manage/groups/${groupId}/openings/${opening.id}/applicants.csv`} className="button button--ghost">
            {t("manageApplicants.csvLink")}
          </a>
        </p>
      ) : null}
      {opening.shifts.map((s) => (
        <section key={s.id} className="panel" aria-labelledby={`shift-${s.id}`}>
          <h2 id={`shift-${s.id}`}>
            {s.endsAt ? <When startsAt={s.startsAt} endsAt={s.endsAt} long /> : t("opening.ongoing")}{" "}
            <span className="count">{s.slots == null ? t("manageApplicants.acceptedNoLimit", { count: s.acceptedCount }) : t("manageApplicants.accepted", { count: s.acceptedCount, slots: s.slots })}</span>
          </h2>
          {s.applications.length === 0 ? <p>{t("manageApplicants.none")}</p> : null}
          <ul className="link-list">
            {s.applications.map((a) => (
              <li key={a.id} className="applicant">
                <strong>{a.name ?? t("manageApplicants.deletedAccount")}</strong> <span className="tag tag--info">{t(`participation.status.${a.status}`)}</span>
                {a.hours != null ? <span className="fact__sub">{t("me.hoursValue", { hours: a.hours })}</span> : null}
                <ParticipantContact shared={a.contactShared} email={a.email} phone={a.phone} />
                {a.message ? <span className="fact__sub">「{a.message}」</span> : null}
                <div className="applicant__actions" hidden={!can.decide}>
                  {UNDECIDED_APPLICATION_STATUSES.includes(a.status) ? <Decide id={a.id} decision="accept" label={t("manageApplicants.accept")} /> : null}
                  {LIVE_APPLICATION_STATUSES.includes(a.status) ? <Decide id={a.id} decision="decline" label={t("manageApplicants.decline")} /> : null}
                  {a.status === APPLICATION_STATUS.accepted ? (
                    <Attendance id={a.id} hours={a.hours} />
                  ) : ATTENDANCE_STATUSES.includes(a.status) ? (
                    <CorrectAttendance name={a.name}>
                      <Attendance id={a.id} hours={a.hours} />
                    </CorrectAttendance>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          {s.acceptedCount > 0 && can.message ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="message" />
              <input type="hidden" name="shiftId" value={s.id} />
              <div className="field">
                <label htmlFor={`msg-${s.id}`}>{t("manageApplicants.messageLabel")}</label>
                <textarea id={`msg-${s.id}`} name="message" rows={3} maxLength={1000} required />
              </div>
              <button type="submit" className="button button--ghost">
                {t("manageApplicants.messageSend")}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** Accepting someone while others wait ahead of them: says who they are and asks once more (a plain form). */
function ConfirmOutOfOrder({
  applicationId,
  ahead,
  opening,
  back,
}: {
  applicationId: number;
  ahead: (string | null)[];
  opening: { shifts: { applications: { id: number; name: string | null }[] }[] };
  back: string;
}) {
  const { t } = useTranslation();
  const deleted = t("manageApplicants.deletedAccount");
  const name = opening.shifts.flatMap((s) => s.applications).find((a) => a.id === applicationId)?.name ?? deleted;
  return (
    <Form method="post" className="panel stack" aria-labelledby="out-of-order-title">
      <h2 id="out-of-order-title">{t("manageApplicants.outOfOrder.title", { name })}</h2>
      <p>{t("manageApplicants.outOfOrder.ahead", { count: ahead.length })}</p>
      <ol>
        {ahead.map((who, i) => (
          <li key={i}>{who ?? deleted}</li>
        ))}
      </ol>
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="decision" value="accept" />
      <input type="hidden" name="outOfOrder" value={OUT_OF_ORDER_CONFIRMED} />
      <p className="shift-action">
        <button type="submit" className="button">
          {t("manageApplicants.outOfOrder.confirm", { name })}
        </button>{" "}
        <Link to={back} className="button button--ghost">
          {t("manageApplicants.outOfOrder.cancel")}
        </Link>
      </p>
    </Form>
  );
}

function Attendance({ id, hours }: { id: number; hours: number | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Form method="post" className="inline-form">
        <input type="hidden" name="applicationId" value={id} />
        <input type="hidden" name="decision" value={APPLICATION_STATUS.attended} />
        <label htmlFor={`hours-${id}`}>{t("manageApplicants.hours")}</label>
        <input id={`hours-${id}`} name="hours" type="number" min={0.5} max={24} step={0.5} defaultValue={hours ?? ""} required />
        <button type="submit" className="button">
          {t("manageApplicants.markAttended")}
        </button>
      </Form>
      <Decide id={id} decision={APPLICATION_STATUS.noShow} label={t("manageApplicants.markNoShow")} />
    </>
  );
}

function Decide({ id, decision, label }: { id: number; decision: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="applicationId" value={id} />
      <input type="hidden" name="decision" value={decision} />
      <button type="submit" className="button button--ghost">
        {label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
