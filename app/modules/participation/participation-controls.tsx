import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { APPLICATION_STATUS } from "./status";
import type { ParticipationOutcome } from "./outcome";
import { CheckboxField } from "~/components/forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;

// Shared pieces of the apply (opening) and register (event) controls. Plain forms (conform, the one field set):
// they work without JavaScript.

/** For visitors who are not signed in: sign in, then come back to this page. */
export function SignInToParticipate({ label }: { label: string }) {
  const location = useLocation();
  return (
    <p className="shift-action">
      <Link className="button button--ghost" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
        {label}
      </Link>
    </p>
  );
}

/** What the resident already has (status, maybe party size) and the button to take it back. */
export function MyParticipation({ id, status, detail, withdrawLabel }: { id: number; status: string; detail?: string; withdrawLabel: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="shift-action">
      <span className={`tag ${status === APPLICATION_STATUS.accepted ? "tag--welcome" : "tag--info"}`}>
        {t(`participation.status.${status}`)}
        {detail ? ` (${detail})` : ""}
      </span>
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button--ghost">
        {withdrawLabel}
      </button>
    </Form>
  );
}

/** APPI: the resident agrees, per application, to their contact details going to this group. */
export function ConsentField({ meta, groupName }: { meta: AnyMeta; groupName: string }) {
  const { t } = useTranslation();
  return <CheckboxField meta={meta} label={t("participation.consent", { group: groupName })} />;
}

/**
 * A page has one apply/register form per date: the action's reply goes to the form whose hidden id it echoes, so
 * the errors show next to the fields of the form that was sent and nowhere else.
 */
export function replyFor(result: SubmissionResult<string[]> | undefined, field: string, id: number): SubmissionResult<string[]> | undefined {
  const sent = (result?.initialValue as Record<string, unknown> | null | undefined)?.[field];
  return sent === String(id) ? result : undefined;
}

/**
 * The detail pages' action answers: a conform reply (invalid input, shown beside the form that sent it) or an
 * outcome notice; without either, the outcome read back after the redirect.
 */
export function participationAnswer(actionData: object | undefined, afterRedirect: ParticipationOutcome | null) {
  const reply = actionData && "result" in actionData ? (actionData.result as SubmissionResult<string[]>) : undefined;
  const outcome = (actionData && "message" in actionData ? (actionData as ParticipationOutcome) : null) ?? afterRedirect;
  return { reply, outcome };
}

export function OutcomeNotice({ outcome }: { outcome: ParticipationOutcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  return (
    <p className={`notice notice--${outcome.tone}`} role="status">
      {t(outcome.message)}
    </p>
  );
}
