import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/detail";
import { When } from "~/components/format";
import { FormError, InputField, SelectField } from "~/components/forms";
import { StatusTag } from "~/components/status-tag";
import { appUrl } from "~/modules/email/templates.server";
import {
  cancelInvite,
  getWorkspace,
  GroupRuleError,
  InviteRateLimitError,
  inviteMember,
  leaveGroup,
  removeMember,
  setMemberRole,
  transferOwnership,
} from "~/modules/groups/groups.server";
import type { GroupAction } from "~/modules/groups/permissions";
import { CancelInviteSchema, InviteSchema, MemberActionSchema } from "~/modules/groups/schemas";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { countSignups } from "~/modules/participation/organiser.server";
import { getSignupNotice, setSignupNotice } from "~/modules/participation/signup-notices.server";
import { SIGNUP_NOTICE, SIGNUP_NOTICES, type SignupNotice } from "~/modules/participation/signup-notice";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId, user, can } = await requireWorkspace(request, params, "open-workspace");
  const { t } = await getRequestI18n(request);
  const [ws, counts, signupNotice] = await Promise.all([getWorkspace(groupId), countSignups([groupId]), getSignupNotice(groupId, user.id)]);
  const isOwner = user.groupRole === "owner";
  return {
    meta: { title: t("manage.workspace.title", { name: ws.name }), siteName: t("site.name") },
    group: { id: ws.id, name: ws.name, status: ws.status },
    role: user.groupRole,
    can,
    signupNotice: signupNotice ?? SIGNUP_NOTICE.each,
    // Names and roles only: members' emails are not shown to each other.
    members: ws.members.map((m) => ({ userId: m.user.id, name: m.user.name, role: m.role, isMe: m.user.id === user.id })),
    invites: isOwner ? ws.invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() })) : [],
    places: ws.places.map((p) => ({ id: p.id, name: p.name, status: p.status })),
    events: ws.events.map((e) => ({
      id: e.id,
      title: e.title,
      status: e.status,
      series: Boolean(e.recurrenceRule),
      upcoming: counts.upcomingByEvent.get(e.id) ?? 0,
      next: e.dates[0] ? { startsAt: e.dates[0].startsAt.toISOString(), endsAt: e.dates[0].endsAt.toISOString() } : null,
    })),
    openings: ws.openings.map((o) => ({
      id: o.id,
      title: o.title,
      status: o.status,
      ongoing: o.ongoing,
      pending: counts.pendingByOpening.get(o.id) ?? 0,
      next: o.shifts[0] && o.shifts[0].endsAt ? { startsAt: o.shifts[0].startsAt.toISOString(), endsAt: o.shifts[0].endsAt.toISOString() } : null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

/** What each button of this page asks to do; anything else is a change to a member. */
function groupActionOf(intent: string): GroupAction {
  if (intent === "leave") return "leave";
  // Every member chooses for themselves how they hear of sign-ups.
  if (intent === "signup-notice") return "open-workspace";
  if (intent === "invite") return "invite-members";
  if (intent === "cancel-invite") return "withdraw-invite";
  return "change-members";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const workspace = await requireWorkspace(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  await workspace.require(groupActionOf(intent));
  const { groupId, user } = workspace;
  const back = `/manage/groups/${groupId}`;
  try {
    if (intent === "leave") {
      await leaveGroup(groupId, user.id);
      throw redirect("/manage?left=1");
    }
    if (intent === "invite") {
      const submission = parseWithZod(formData, { schema: InviteSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      try {
        const { token } = await inviteMember(groupId, user.id, { ...submission.value, locale: (await getRequestI18n(request)).locale });
        // Shown once to the owner to pass on; only its hash is stored.
        return { intent, result: submission.reply({ resetForm: true }), inviteLink: appUrl(`/manage/invite?token=${token}`), invited: submission.value.email };
      } catch (error) {
        if (error instanceof InviteRateLimitError) {
          const result = submission.reply({ formErrors: [error.messageKey] });
          return data({ intent, result }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
        }
        if (error instanceof GroupRuleError) return data({ intent, result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 400 });
        throw error;
      }
    }
    if (intent === "signup-notice") {
      const notice = String(formData.get("notice") ?? "");
      if (!(SIGNUP_NOTICES as readonly string[]).includes(notice)) return data({ intent, noticeError: "errors.invalidChoice" }, { status: 400 });
      await setSignupNotice({ groupId, userId: user.id, notice: notice as SignupNotice });
      throw redirect(`${back}?notice=1#signup-notice-h`);
    }
    if (intent === "cancel-invite") {
      const submission = parseWithZod(formData, { schema: CancelInviteSchema });
      if (submission.status === "success") await cancelInvite(groupId, submission.value.inviteId);
      throw redirect(back);
    }
    const submission = parseWithZod(formData, { schema: MemberActionSchema });
    // The member buttons carry only a hidden id: there is no field to mark, so the refusal is the section's notice.
    if (submission.status !== "success") return data({ intent: "member", memberError: "errors.invalidChoice" }, { status: 400 });
    const { userId } = submission.value;
    if (intent === "remove-member") await removeMember(groupId, user.id, userId);
    else if (intent === "transfer-ownership") await transferOwnership(groupId, user.id, userId);
    else await setMemberRole(groupId, user.id, userId, intent === "make-owner" ? "owner" : "editor");
    throw redirect(`${back}?members=1`);
  } catch (error) {
    if (error instanceof GroupRuleError) return { intent: "member", memberError: error.messageKey };
    throw error;
  }
}

export const handle = { i18n: ["listing", "detail", "events", "volunteering", "participation", "account", "manage"] };

export default function Workspace() {
  const { group, role, can, members, invites, places, events, openings, signupNotice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const isOwner = role === "owner";
  const base = `/manage/groups/${group.id}`;
  const memberError = actionData && "memberError" in actionData && actionData.memberError ? [actionData.memberError] : [];
  return (
    <div className="container page stack">
      <Breadcrumbs items={[{ to: "/manage", label: t("manage.title") }, { label: group.name }]} />
      <h1 lang="ja">{group.name}</h1>
      <p>
        {t("manage.workspace.status")} <StatusTag status={group.status} kind="group" /> <span className="tag tag--plain">{t(`groupRole.${role}`)}</span>
      </p>
      {group.status !== "approved" ? (
        <p className={`notice ${can["edit-items"] ? "notice--info" : "notice--warn"}`} role="status">
          {t(`manage.workspace.note.${group.status}`)}
        </p>
      ) : null}
      {params.get("registered") ? (
        <p className="notice notice--info" role="status">
          {t("manage.register.done")}
        </p>
      ) : null}
      {params.get("joined") ? (
        <p className="notice notice--info" role="status">
          {t("manage.invite.joined")}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice notice--info" role="status">
          {t(`manage.saved.${params.get("saved") === "pending" ? "submitted" : "saved"}`)}
        </p>
      ) : null}
      <p className="filters__actions">
        {can["edit-profile"] ? (
          <Link to={`${base}/profile`} className="button button--ghost">
            {t("manage.workspace.editProfile")}
          </Link>
        ) : null}
      </p>

      <ItemSection
        id="places"
        title={t("manage.places.title")}
        newTo={can["edit-items"] ? `${base}/places/new` : null}
        newLabel={t("manage.places.new")}
        empty={t("manage.places.empty")}
        items={places.map((p) => ({ id: p.id, label: p.name, status: p.status, to: `${base}/places/${p.id}` }))}
      />
      <ItemSection
        id="events"
        title={t("manage.events.title")}
        newTo={can["edit-items"] ? `${base}/events/new` : null}
        newLabel={t("manage.events.new")}
        empty={t("manage.events.empty")}
        items={events.map((e) => ({
          id: e.id,
          label: e.title,
          status: e.status,
          to: `${base}/events/${e.id}`,
          extra: (
            <>
              <span className="item-row__when">
                {e.series ? <span className="tag tag--plain">{t("event.series")}</span> : null}
                {e.next ? <When startsAt={e.next.startsAt} endsAt={e.next.endsAt} /> : <span>{t("manage.events.noDates")}</span>}
              </span>
              <ItemCounts
                count={t("manage.counts.upcoming", { count: e.upcoming })}
                tone={e.upcoming ? "tag--info" : "tag--plain"}
                testId={`upcoming-${e.id}`}
                to={`${base}/events/${e.id}/registrations`}
                link={t("manageRegistrations.link")}
                title={e.title}
              />
            </>
          ),
        }))}
      />
      <ItemSection
        id="openings"
        title={t("manage.openings.title")}
        newTo={can["edit-items"] ? `${base}/openings/new` : null}
        newLabel={t("manage.openings.new")}
        empty={t("manage.openings.empty")}
        items={openings.map((o) => ({
          id: o.id,
          label: o.title,
          status: o.status,
          to: `${base}/openings/${o.id}`,
          extra: (
            <>
              <span className="item-row__when">
                {o.ongoing ? <span>{t("opening.ongoing")}</span> : o.next ? <When startsAt={o.next.startsAt} endsAt={o.next.endsAt} /> : <span>{t("opening.noShifts")}</span>}
              </span>
              <ItemCounts
                count={t("manage.counts.pending", { count: o.pending })}
                tone={o.pending ? "tag--warn" : "tag--plain"}
                testId={`pending-${o.id}`}
                to={`${base}/openings/${o.id}/applicants`}
                link={t("manageApplicants.link")}
                title={o.title}
              />
            </>
          ),
        }))}
      />

      <section className="panel" aria-labelledby="signup-notice-h">
        <h2 id="signup-notice-h">{t("manage.signupNotice.title")}</h2>
        {params.get("notice") ? (
          <p className="notice notice--info" role="status">
            {t("manage.signupNotice.saved")}
          </p>
        ) : null}
        <Form method="post" className="stack">
          <fieldset className="field choice-group">
            <legend>{t("manage.signupNotice.legend")}</legend>
            <FormError id="signup-notice-error" errors={actionData && "noticeError" in actionData && actionData.noticeError ? [actionData.noticeError] : []} />
            {SIGNUP_NOTICES.map((choice) => (
              <div className="check" key={choice}>
                <input type="radio" id={`signup-notice-${choice}`} name="notice" value={choice} defaultChecked={signupNotice === choice} />
                <label htmlFor={`signup-notice-${choice}`}>{t(`manage.signupNotice.${choice}`)}</label>
              </div>
            ))}
          </fieldset>
          <p>
            <button type="submit" name="intent" value="signup-notice" className="button button--ghost">
              {t("manage.signupNotice.save")}
            </button>
          </p>
        </Form>
      </section>
      <section className="panel" aria-labelledby="members-h">
        <h2 id="members-h">{t("manage.members.title")}</h2>
        <FormError id="members-error" errors={memberError} />
        {params.get("members") ? (
          <p className="notice notice--info" role="status">
            {t("manage.members.changed")}
          </p>
        ) : null}
        <ul className="link-list">
          {members.map((m) => (
            <li key={m.userId}>
              <span>{m.name}</span> <span className="tag tag--plain">{t(`groupRole.${m.role}`)}</span>
              {m.isMe ? <span className="tag tag--info">{t("manage.members.you")}</span> : null}
              {can["change-members"] && !m.isMe ? (
                <Form method="post" className="filters__actions">
                  <input type="hidden" name="userId" value={m.userId} />
                  {m.role === "editor" ? (
                    <button type="submit" name="intent" value="make-owner" className="button button--ghost">
                      {t("manage.members.makeOwner")}
                      <span className="visually-hidden">（{m.name}）</span>
                    </button>
                  ) : (
                    <button type="submit" name="intent" value="make-editor" className="button button--ghost">
                      {t("manage.members.makeEditor")}
                      <span className="visually-hidden">（{m.name}）</span>
                    </button>
                  )}
                  <button type="submit" name="intent" value="transfer-ownership" className="button button--ghost">
                    {t("manage.members.transfer")}
                    <span className="visually-hidden">（{m.name}）</span>
                  </button>
                  <button type="submit" name="intent" value="remove-member" className="button button--ghost">
                    {t("manage.members.remove")}
                    <span className="visually-hidden">（{m.name}）</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {isOwner ? (
          <InviteForm
            canInvite={can["invite-members"]}
            lastResult={actionData && "result" in actionData ? actionData.result : undefined}
            link={actionData && "inviteLink" in actionData && actionData.inviteLink ? { inviteLink: actionData.inviteLink, invited: actionData.invited } : null}
            invites={invites}
          />
        ) : null}
        <Form method="post" className="links-below">
          <p className="field__hint">{t("manage.members.leaveNote")}</p>
          <button type="submit" name="intent" value="leave" className="button button--ghost">
            {t("manage.members.leave")}
          </button>
        </Form>
      </section>
    </div>
  );
}

function ItemSection({
  id,
  title,
  newTo,
  newLabel,
  empty,
  items,
}: {
  id: string;
  title: string;
  /** null when the group cannot add items (see canActForGroup). */
  newTo: string | null;
  newLabel: string;
  empty: string;
  items: { id: number; label: string; status: string; to: string; extra?: React.ReactNode }[];
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <div className="section__head">
        <h2 id={`${id}-h`}>{title}</h2>
        {newTo ? (
          <Link to={newTo} className="button">
            {newLabel}
          </Link>
        ) : null}
      </div>
      {items.length ? (
        <ul className="link-list" id={`${id}-list`}>
          {items.map((item) => (
            <li key={item.id}>
              <div className="item-row">
                <span className="item-row__title">
                  <Link to={item.to} lang="ja">
                    {item.label}
                  </Link>{" "}
                  <StatusTag status={item.status} kind="item" />
                </span>
                {item.extra}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{empty}</p>
      )}
    </section>
  );
}

function InviteForm({
  canInvite,
  lastResult,
  link,
  invites,
}: {
  canInvite: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  link: { inviteLink: string; invited: string } | null;
  invites: { id: number; email: string; role: string; expiresAt: string }[];
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    constraint: getZodConstraint(InviteSchema),
    defaultValue: { role: "editor" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  return (
    <div className="stack">
      {invites.length ? (
        <>
          <h3>{t("manage.invite.open")}</h3>
          <ul className="link-list">
            {invites.map((inv) => (
              <li key={inv.id}>
                <Form method="post" className="filters__actions">
                  <span>
                    {inv.email}（{t(`groupRole.${inv.role}`)}）
                  </span>
                  <input type="hidden" name="inviteId" value={inv.id} />
                  <button type="submit" name="intent" value="cancel-invite" className="button button--ghost">
                    {t("manage.invite.cancel")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {link ? (
        <div className="notice notice--info" role="status">
          <p>{t("manage.invite.sent", { email: link.invited })}</p>
          <p>
            <code>{link.inviteLink}</code>
          </p>
        </div>
      ) : null}
      {canInvite ? (
        <Form method="post" className="form" {...getFormProps(form)} aria-labelledby="invite-h">
          <h3 id="invite-h">{t("manage.invite.title")}</h3>
          <FormError id={form.errorId} errors={form.errors} />
          <InputField meta={fields.email} label={t("auth.email")} type="email" autoComplete="off" required />
          <SelectField
            meta={fields.role}
            label={t("manage.invite.role")}
            options={[
              { value: "editor", label: t("groupRole.editor") },
              { value: "owner", label: t("groupRole.owner") },
            ]}
          />
          <button type="submit" name="intent" value="invite" className="button">
            {t("manage.invite.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** What waits on one item (a count, coloured when there is something) and the way to the people behind it. */
function ItemCounts({ count, tone, testId, to, link, title }: { count: string; tone: string; testId: string; to: string; link: string; title: string }) {
  return (
    <span className="item-row__counts">
      <span className={`tag ${tone}`} data-testid={testId}>
        {count}
      </span>
      <Link to={to}>
        {link}
        <span className="visually-hidden">（{title}）</span>
      </Link>
    </span>
  );
}
