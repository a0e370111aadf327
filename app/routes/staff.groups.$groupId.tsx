import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextAreaField } from "~/components/forms";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { REASON_REQUIRED } from "~/modules/publishing/status";
import { decideGroup, groupForStaff } from "~/modules/staff/groups.server";
import { GroupDecisionSchema } from "~/modules/staff/group-schemas";
import { DoneNotice, Stamp, TableRegion } from "~/modules/staff/staff-ui";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const groupId = parseIdParam(params.groupId);
  const { t } = await getRequestI18n(request);
  const group = await groupForStaff(groupId);
  if (!group) notFound();
  const done = new URL(request.url).searchParams.get("done");
  return {
    meta: { title: group.name, siteName: t("site.name") },
    group,
    done: done && group.decisions.length ? `people.groups.done.${group.decisions[0]!.action}` : null,
    reasonRequired: group.steps.some((step) => REASON_REQUIRED.has(step)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const groupId = parseIdParam(params.groupId);
  const submission = parseWithZod(await request.formData(), { schema: GroupDecisionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await decideGroup({ groupId, step: submission.value.intent, staffId: staff.id, reason: submission.value.reason });
  if (!result.ok) {
    if (result.refusal === "not-found") notFound();
    const reply =
      result.refusal === "reason-required"
        ? submission.reply({ fieldErrors: { reason: ["people.groups.errors.reasonRequired"] } })
        : submission.reply({ formErrors: ["people.groups.errors.notAllowed"] });
    return data({ result: reply }, { status: 400 });
  }
  throw redirect(`/staff/groups/${groupId}?done=${submission.value.intent}`, 303);
}

export const handle = { i18n: ["manage", "people"] };

export default function StaffGroupPage() {
  const { group, done, reasonRequired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "group-decision",
    lastResult: actionData?.result,
    constraint: getZodConstraint(GroupDecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupDecisionSchema }),
  });
  return (
    <div className="container page stack">
      <p>
        <Link to="/staff/groups">{t("people.back.groups")}</Link>
      </p>
      <h1>{group.name}</h1>
      <p>
        <span className={`tag ${group.status === "pending" || group.status === "suspended" ? "tag--warn" : "tag--plain"}`}>{t(`manage.groupStatus.${group.status}`)}</span>
      </p>
      <DoneNotice message={done ? t(done) : null} />

      <section className="panel stack" aria-labelledby="group-profile">
        <h2 id="group-profile">{t("people.groups.profile")}</h2>
        <dl className="staff-facts">
          <dt>{t("people.groups.kana")}</dt>
          <dd>{group.nameKana || "—"}</dd>
          <dt>{t("people.groups.kind")}</dt>
          <dd>{group.kind || "—"}</dd>
          <dt>{t("people.groups.area")}</dt>
          <dd>{group.area ?? "—"}</dd>
          <dt>{t("people.groups.contact")}</dt>
          <dd>{[group.contactName, group.contactPhone, group.contactEmail].filter(Boolean).join(" / ") || "—"}</dd>
          <dt>{t("people.groups.website")}</dt>
          <dd>{group.website || "—"}</dd>
          <dt>{t("people.groups.since")}</dt>
          <dd>
            <Stamp at={group.createdAt} />
          </dd>
          <dt>{t("people.groups.approvedAt")}</dt>
          <dd>{group.approvedAt ? <Stamp at={group.approvedAt} /> : "—"}</dd>
        </dl>
        {group.description ? <p className="staff-prose">{group.description}</p> : null}
      </section>

      <section className="panel stack" aria-labelledby="group-decide">
        <h2 id="group-decide">{t("people.groups.decide")}</h2>
        {group.steps.length ? (
          <Form method="post" className="form decision-form" {...getFormProps(form)}>
            <FormError id={form.errorId} errors={form.errors} />
            <TextAreaField
              meta={fields.reason}
              label={t("people.groups.reason")}
              hint={reasonRequired ? t("people.groups.reasonHint") : undefined}
              rows={3}
            />
            <div className="staff-actions">
              {group.steps.map((step) => (
                <button key={step} type="submit" name="intent" value={step} className={`button${step === "suspend" || step === "reject" ? " button--ghost" : ""}`}>
                  {t(`people.groups.step.${step}`)}
                </button>
              ))}
            </div>
            {group.steps.includes("suspend") ? <p className="field__hint">{t("people.groups.suspendNote")}</p> : null}
          </Form>
        ) : (
          <p>{t("people.groups.noSteps")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="group-members">
        <h2 id="group-members">{t("people.groups.members")}</h2>
        {group.members.length ? (
          <TableRegion label={t("people.groups.membersCaption", { name: group.name })} narrow>
            <table className="data-table">
              <caption className="visually-hidden">{t("people.groups.membersCaption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.person.name")}</th>
                  <th scope="col">{t("people.groups.role")}</th>
                </tr>
              </thead>
              <tbody>
                {group.members.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      <Link to={`/staff/people/${m.userId}`}>{m.name}</Link>
                    </td>
                    <td>{t(`groupRole.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t("people.groups.noMembers")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="group-items">
        <h2 id="group-items">{t("people.groups.items")}</h2>
        {group.items.map(({ kind, rows }) => (
          <div key={kind} className="stack">
            <h3>{t(`people.groups.kinds.${kind}`, { count: rows.length })}</h3>
            {rows.length ? (
              <ul className="link-list">
                {rows.map((row) => (
                  <li key={row.id}>
                    {row.href ? <Link to={row.href}>{row.title}</Link> : <span>{row.title}</span>} <span className="tag tag--plain">{t(`manage.status.${row.status}`)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("people.groups.noItems")}</p>
            )}
          </div>
        ))}
      </section>

      <section className="stack" aria-labelledby="group-history">
        <h2 id="group-history">{t("people.groups.history")}</h2>
        {group.decisions.length ? (
          <TableRegion label={t("people.groups.historyCaption", { name: group.name })}>
            <table className="data-table">
              <caption className="visually-hidden">{t("people.groups.historyCaption", { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.groups.when")}</th>
                  <th scope="col">{t("people.groups.decision")}</th>
                  <th scope="col">{t("people.groups.staff")}</th>
                  <th scope="col">{t("people.groups.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {group.decisions.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Stamp at={d.at} />
                    </td>
                    <td>{t(`people.groups.decisionName.${d.action}`, { defaultValue: d.action })}</td>
                    <td>{d.staff ?? "—"}</td>
                    <td className="staff-prose">{d.reason || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t("people.groups.noHistory")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
