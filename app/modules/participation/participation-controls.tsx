import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { APPLICATION_STATUS } from "./status";

// Shared pieces of the apply (opening) and register (event) controls. Plain forms: they work without JavaScript.

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
export function ConsentCheckbox({ id, groupName }: { id: string; groupName: string }) {
  const { t } = useTranslation();
  return (
    <div className="check">
      <input id={id} type="checkbox" name="consent" required />
      <label htmlFor={id}>{t("participation.consent", { group: groupName })}</label>
    </div>
  );
}
