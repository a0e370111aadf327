import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { text } from "~/utils/text";
import { useTranslation } from "react-i18next";
import { decideApplication, listApplicants } from "~/modules/participation/organiser.server";
import { messageShift } from "~/modules/participation/notifications.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { When } from "~/components/format";
import { pageMeta } from "~/utils/meta";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const openingId = parseIdParam(params.openingId);
  const { groupId, user: member, can } = await requireWorkspace(request, params);
  const { t } = await getRequestI18n(request);
  const contacts = can["see-contacts"];
  const data = await listApplicants(groupId, openingId, { contacts });
  if (!data) notFound();
  // Viewing residents' contact details is recorded (APPI; SECURITY.md row 36).
  if (contacts) await recordAudit(prisma, { actorId: member.id, action: "applicants.viewed", entityType: "opening", entityId: openingId });
  return {
    meta: { title: t("manageApplicants.title", { title: data.title }), siteName: t("site.name") },
    groupId,
    opening: data,
    can: { contacts, decide: can["manage-participants"], message: can["message-volunteers"], export: can["export-contacts"] },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

const DecisionSchema = z.object({
  applicationId: z.coerce.number().int().positive().max(2_147_483_647),
  decision: z.enum(["accept", "decline", "attended", "no-show"]),
  hours: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v.normalize("NFKC").trim()) : undefined))
    .pipe(z.number().min(0.5).max(24).multipleOf(0.5).optional()),
});

const MessageSchema = z.object({
  intent: z.literal("message"),
  shiftId: z.coerce.number().int().positive().max(2_147_483_647),
  message: text({ max: 1000, required: true, multiline: true }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  parseIdParam(params.openingId);
  const workspace = await requireWorkspace(request, params);
  const { groupId, user: member } = workspace;
  const form = Object.fromEntries(await request.formData());
  await workspace.require(form.intent === "message" ? "message-volunteers" : "manage-participants");
  if (form.intent === "message") {
    const msg = MessageSchema.safeParse(form);
    if (!msg.success) return { message: "manageApplicants.messageInvalid", tone: "warn" as const };
    const sent = await messageShift({ groupId, shiftId: msg.data.shiftId, message: msg.data.message, senderId: member.id });
    return sent === null ? { message: "manageApplicants.refused.not-found", tone: "warn" as const } : { message: "manageApplicants.messageSent", tone: "info" as const, count: sent };
  }
  const parsed = DecisionSchema.safeParse(form);
  if (!parsed.success) return { message: "manageApplicants.badInput", tone: "warn" as const };
  if (parsed.data.decision === "attended" && parsed.data.hours === undefined) return { message: "manageApplicants.hoursRequired", tone: "warn" as const };
  const result = await decideApplication({ groupId, staffUserId: member.id, ...parsed.data });
  return result.ok ? { message: `manageApplicants.done.${parsed.data.decision}`, tone: "info" as const } : { message: `manageApplicants.refused.${result.reason}`, tone: "warn" as const };
}

export const handle = { i18n: ["listing", "volunteering", "participation", "account", "manage"] };

export default function ApplicantsPage() {
  const { opening, groupId, can } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
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
                <span className="fact__sub">{a.email ? `${a.email}${a.phone ? ` · ${a.phone}` : ""}` : t("manageApplicants.noConsent")}</span>
                {a.message ? <span className="fact__sub">「{a.message}」</span> : null}
                <div className="applicant__actions" hidden={!can.decide}>
                  {a.status === "applied" || a.status === "waitlisted" ? <Decide id={a.id} decision="accept" label={t("manageApplicants.accept")} /> : null}
                  {a.status === "applied" || a.status === "waitlisted" || a.status === "accepted" ? <Decide id={a.id} decision="decline" label={t("manageApplicants.decline")} /> : null}
                  {a.status === "accepted" || a.status === "attended" || a.status === "no-show" ? (
                    <>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="applicationId" value={a.id} />
                        <input type="hidden" name="decision" value="attended" />
                        <label htmlFor={`hours-${a.id}`}>{t("manageApplicants.hours")}</label>
                        <input id={`hours-${a.id}`} name="hours" type="number" min={0.5} max={24} step={0.5} defaultValue={a.hours ?? ""} required />
                        <button type="submit" className="button">
                          {t("manageApplicants.markAttended")}
                        </button>
                      </Form>
                      <Decide id={a.id} decision="no-show" label={t("manageApplicants.markNoShow")} />
                    </>
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
