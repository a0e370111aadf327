import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, InputField, SelectField, TextAreaField } from "~/components/forms";
import { requireStaff } from "~/modules/auth/permissions.server";
import { LOCALE_NAMES, isLocale } from "~/modules/i18n/config";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { actOnPerson, applyForPerson, participationChoices, registerPersonForDate, viewPerson } from "~/modules/staff/people.server";
import { ApplyForPersonSchema, PERSON_STATUS, PersonActionSchema, RegisterForPersonSchema } from "~/modules/staff/people-schemas";
import { DoneNotice, Span, Stamp, TableRegion } from "~/modules/staff/staff-ui";
import { formatRange } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// One resident as staff see them. Every open of this page is an audit entry ("person.view", APPI); every action on
// the person is one too, with the reason staff give.

export const headers: HeadersFunction = () => NO_STORE;

/** What ?done= may say after an action (post/redirect/get); anything else is ignored. */
const DONE = ["registered", "suspend", "unsuspend", "logout-everywhere", "applied", "date-registered"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const userId = parseIdParam(params.userId);
  const { t, locale } = await getRequestI18n(request);
  const person = await viewPerson(userId, staff.id);
  if (!person) notFound();
  const choices = await participationChoices();
  const left = (n: number | null) => (n === null ? "" : ` (${t("people.activity.left", { count: n })})`);
  const done = new URL(request.url).searchParams.get("done");
  return {
    meta: { title: person.name, siteName: t("site.name") },
    person,
    self: person.id === staff.id,
    shifts: choices.shifts.map((s) => ({ value: String(s.id), label: `${s.title} — ${s.endsAt ? formatRange(new Date(s.startsAt), new Date(s.endsAt), locale) : t("people.activity.ongoing")}${left(s.left)}` })),
    dates: choices.dates.map((d) => ({ value: String(d.id), label: `${d.title} — ${formatRange(new Date(d.startsAt), new Date(d.endsAt), locale)}${left(d.left)}` })),
    done: (DONE as readonly string[]).includes(done ?? "") ? `people.done.${done}` : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

type FormName = "person" | "apply" | "register";
const answer = (form: FormName, result: SubmissionResult<string[]>) => data({ form, result }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const userId = parseIdParam(params.userId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "apply") {
    const submission = parseWithZod(formData, { schema: ApplyForPersonSchema });
    if (submission.status !== "success") return answer("apply", submission.reply());
    const result = await applyForPerson({ userId, staffId: staff.id, shiftId: submission.value.shiftId, message: submission.value.message });
    if (!result.ok) return answer("apply", submission.reply({ formErrors: [refusalKey(result.reason)] }));
    throw redirect(`/staff/people/${userId}?done=applied`, 303);
  }
  if (intent === "register") {
    const submission = parseWithZod(formData, { schema: RegisterForPersonSchema });
    if (submission.status !== "success") return answer("register", submission.reply());
    const result = await registerPersonForDate({ userId, staffId: staff.id, eventDateId: submission.value.eventDateId, partySize: submission.value.partySize });
    if (!result.ok) return answer("register", submission.reply({ formErrors: [refusalKey(result.reason)] }));
    throw redirect(`/staff/people/${userId}?done=date-registered`, 303);
  }
  const submission = parseWithZod(formData, { schema: PersonActionSchema });
  if (submission.status !== "success") return answer("person", submission.reply());
  const result = await actOnPerson({ userId, staffId: staff.id, action: submission.value.intent, reason: submission.value.reason });
  if (!result.ok) {
    if (result.reason === "not-found") notFound();
    return answer("person", submission.reply({ formErrors: [`people.errors.${result.reason}`] }));
  }
  throw redirect(`/staff/people/${userId}?done=${submission.value.intent}`, 303);
}

function refusalKey(reason: string): string {
  return reason === "person-not-active" ? "people.errors.personNotActive" : `participation.refused.${reason}`;
}

export const handle = { i18n: ["participation", "people"] };

export default function StaffPersonPage() {
  const { person, self, shifts, dates, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const lastResult = (form: FormName) => (actionData?.form === form ? actionData.result : undefined);
  const active = person.status === PERSON_STATUS.active;
  return (
    <div className="container page stack">
      <p>
        <Link to="/staff/people">{t("people.back.people")}</Link>
      </p>
      <h1>{person.name}</h1>
      <p className="tags">
        <span className={`tag ${active ? "tag--plain" : "tag--warn"}`}>{t(`people.status.${person.status}`, { defaultValue: person.status })}</span>
        {person.registeredBy ? <span className="tag tag--info">{t("people.person.proxy")}</span> : null}
        {person.unclaimed ? <span className="tag tag--plain">{t("people.person.unclaimed")}</span> : null}
      </p>
      <DoneNotice message={done ? t(done) : null} />
      <p className="field__hint">{t("people.person.auditNote")}</p>

      <section className="panel stack" aria-labelledby="person-facts">
        <h2 id="person-facts">{t("people.person.facts")}</h2>
        <dl className="staff-facts">
          <dt>{t("people.person.kana")}</dt>
          <dd>{person.nameKana || "—"}</dd>
          <dt>{t("people.person.email")}</dt>
          <dd className="staff-wrap">
            {person.email ?? t("people.person.noEmail")}
            {person.email && !person.emailVerified ? ` (${t("people.person.unverified")})` : ""}
          </dd>
          <dt>{t("people.person.phone")}</dt>
          <dd>{person.phone || "—"}</dd>
          <dt>{t("people.person.postalCode")}</dt>
          <dd>{person.postalCode ? `〒${person.postalCode}` : "—"}</dd>
          <dt>{t("people.person.postalAddress")}</dt>
          <dd className="staff-wrap">{person.postalAddress || "—"}</dd>
          <dt>{t("people.person.area")}</dt>
          <dd>{person.area ?? "—"}</dd>
          <dt>{t("people.person.language")}</dt>
          <dd>{isLocale(person.locale) ? LOCALE_NAMES[person.locale] : person.locale}</dd>
          <dt>{t("people.person.roles")}</dt>
          <dd>{person.roles.map((r) => t(`people.role.${r}`, { defaultValue: r })).join(t("people.list.separator"))}</dd>
          <dt>{t("people.person.since")}</dt>
          <dd>
            <Stamp at={person.createdAt} />
            {person.registeredBy ? ` (${t("people.person.registeredBy", { name: person.registeredBy.name ?? "—" })})` : ""}
          </dd>
          <dt>{t("people.person.lastLogin")}</dt>
          <dd>{person.lastLoginAt ? <Stamp at={person.lastLoginAt} /> : "—"}</dd>
          <dt>{t("people.person.sessions")}</dt>
          <dd>{t("people.person.sessionCount", { count: person.liveSessions })}</dd>
        </dl>
      </section>

      <section className="stack" aria-labelledby="person-consents">
        <h2 id="person-consents">{t("people.person.consents")}</h2>
        {person.consents.length ? (
          <TableRegion label={t("people.person.consentsCaption", { name: person.name })}>
            <table className="data-table">
              <caption className="visually-hidden">{t("people.person.consentsCaption", { name: person.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.consent.kind")}</th>
                  <th scope="col">{t("people.consent.method")}</th>
                  <th scope="col">{t("people.consent.when")}</th>
                  <th scope="col">{t("people.consent.recordedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {person.consents.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {t(`people.consentKind.${c.kind}`, { defaultValue: c.kind })} <span className="field__hint">{c.version}</span>
                      {c.revokedAt ? (
                        <>
                          {" "}
                          <span className="tag tag--warn">{t("people.consent.revoked")}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{t(`people.consentMethod.${c.method}`, { defaultValue: c.method })}</td>
                    <td>
                      <Stamp at={c.grantedAt} />
                    </td>
                    <td>{c.recordedBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t("people.person.noConsents")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="person-groups">
        <h2 id="person-groups">{t("people.person.groups")}</h2>
        {person.groups.length ? (
          <ul className="link-list">
            {person.groups.map((g) => (
              <li key={g.id}>
                <Link to={`/staff/groups/${g.id}`}>{g.name}</Link> <span className="tag tag--plain">{t(`groupRole.${g.role}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("people.person.noGroups")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="person-activity">
        <h2 id="person-activity">{t("people.activity.title")}</h2>
        {person.activity.length ? (
          <TableRegion label={t("people.activity.caption", { name: person.name })}>
            <table className="data-table">
              <caption className="visually-hidden">{t("people.activity.caption", { name: person.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.activity.when")}</th>
                  <th scope="col">{t("people.activity.what")}</th>
                  <th scope="col">{t("people.activity.status")}</th>
                  <th scope="col">{t("people.activity.enteredBy")}</th>
                </tr>
              </thead>
              <tbody>
                {person.activity.map((a) => (
                  <tr key={`${a.kind}-${a.id}`}>
                    <td>{a.endsAt ? <Span startsAt={a.startsAt} endsAt={a.endsAt} /> : t("people.activity.ongoing")}</td>
                    <td>
                      <span className="field__hint">{t(`people.activity.kind.${a.kind}`)}</span> <Link to={a.href}>{a.title}</Link>
                      <br />
                      <span className="field__hint">{a.group}</span>
                      {a.partySize && a.partySize > 1 ? <span className="field__hint"> {t("people.activity.party", { count: a.partySize })}</span> : null}
                    </td>
                    <td>{t(`participation.status.${a.status}`, { defaultValue: a.status })}</td>
                    <td>{a.enteredByStaff ? (a.enteredBy ?? t("people.activity.formerStaff")) : t("people.activity.self")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t("people.activity.none")}</p>
        )}
      </section>

      {active ? <TakePartForms shifts={shifts} dates={dates} applyResult={lastResult("apply")} registerResult={lastResult("register")} /> : null}

      {self ? null : <PersonActions status={person.status} lastResult={lastResult("person")} />}
    </div>
  );
}

type Option = { value: string; label: string };

function TakePartForms({ shifts, dates, applyResult, registerResult }: { shifts: Option[]; dates: Option[]; applyResult?: SubmissionResult<string[]>; registerResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [applyForm, applyFields] = useForm({
    id: "apply-for-person",
    lastResult: applyResult,
    constraint: getZodConstraint(ApplyForPersonSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplyForPersonSchema }),
  });
  const [registerForm, registerFields] = useForm({
    id: "register-for-person",
    lastResult: registerResult,
    defaultValue: { partySize: "1" },
    constraint: getZodConstraint(RegisterForPersonSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterForPersonSchema }),
  });
  return (
    <section className="panel stack" aria-labelledby="take-part">
      <h2 id="take-part">{t("people.takePart.title")}</h2>
      <p className="field__hint">{t("people.takePart.lead")}</p>
      <div className="staff-columns">
        <Form method="post" className="form stack" {...getFormProps(applyForm)}>
          <h3>{t("people.takePart.apply")}</h3>
          <FormError id={applyForm.errorId} errors={applyForm.errors} />
          <input type="hidden" name="intent" value="apply" />
          {shifts.length ? (
            <>
              <SelectField meta={applyFields.shiftId} label={t("people.takePart.shift")} options={shifts} blank={t("people.takePart.choose")} />
              <TextAreaField meta={applyFields.message} label={t("people.takePart.message")} rows={2} />
              <CheckboxField meta={applyFields.consent} label={t("people.takePart.consent")} />
              <button type="submit" className="button">
                {t("people.takePart.applyButton")}
              </button>
            </>
          ) : (
            <p>{t("people.takePart.noShifts")}</p>
          )}
        </Form>
        <Form method="post" className="form stack" {...getFormProps(registerForm)}>
          <h3>{t("people.takePart.register")}</h3>
          <FormError id={registerForm.errorId} errors={registerForm.errors} />
          <input type="hidden" name="intent" value="register" />
          {dates.length ? (
            <>
              <SelectField meta={registerFields.eventDateId} label={t("people.takePart.date")} options={dates} blank={t("people.takePart.choose")} />
              <InputField meta={registerFields.partySize} label={t("participation.partySize")} inputMode="numeric" autoComplete="off" />
              <CheckboxField meta={registerFields.consent} label={t("people.takePart.consent")} />
              <button type="submit" className="button">
                {t("people.takePart.registerButton")}
              </button>
            </>
          ) : (
            <p>{t("people.takePart.noDates")}</p>
          )}
        </Form>
      </div>
    </section>
  );
}

function PersonActions({ status, lastResult }: { status: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "person-actions",
    lastResult,
    constraint: getZodConstraint(PersonActionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonActionSchema }),
  });
  return (
    <section className="panel stack" aria-labelledby="person-actions-title">
      <h2 id="person-actions-title">{t("people.actions.title")}</h2>
      <Form method="post" className="form decision-form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextAreaField meta={fields.reason} label={t("people.actions.reason")} hint={t("people.actions.reasonHint")} rows={3} />
        <div className="staff-actions">
          {status === PERSON_STATUS.active ? (
            <button type="submit" name="intent" value="suspend" className="button button--ghost">
              {t("people.actions.suspend")}
            </button>
          ) : null}
          {status === PERSON_STATUS.suspended ? (
            <button type="submit" name="intent" value="unsuspend" className="button">
              {t("people.actions.unsuspend")}
            </button>
          ) : null}
          <button type="submit" name="intent" value="logout-everywhere" className="button button--ghost">
            {t("people.actions.logoutEverywhere")}
          </button>
        </div>
        <p className="field__hint">{t("people.actions.note")}</p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
