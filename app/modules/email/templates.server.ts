import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale, isJapanese } from "~/modules/i18n/config";
import { getEnv } from "~/utils/env.server";

// Email templates in the recipient's language (public/locales/<lng>/email.json). Links are always built from
// APP_ORIGIN, never from request headers (host-header poisoning, SECURITY.md row 9).
//
// Two kinds of variables get special care (issue 8):
// - Words people typed (names, titles, group names, messages, addresses) never reach a subject, since a subject
//   from the council's address is what a phishing text needs; in bodies they are escaped and defused so that no
//   mail client turns them into a link.
// - One-time secrets (codes, reset and invitation links) are rendered as placeholders, so the stored email holds
//   no working credential; the sender fills them in at send time from the sealed values (ADR 008).
import crypto from "node:crypto";
import { escapeHtml } from "~/utils/html";

type Templates = {
  "verify-email": { name: string; code: string };
  "login-code": { code: string };
  /** Applying or registering without an account: the code typed on the same page proves the address. */
  "quick-join-code": { code: string; minutes: number };
  "reset-password": { name: string; link: string };
  "signup-existing": { link: string };
  "change-email": { name: string; code: string };
  "email-changed": { name: string; newEmail: string };
  "delete-account-code": { name: string; code: string };
  "account-deleted": { name: string };
  "outbox-dead": { count: number; lastError: string };
  "application-received": { name: string; title: string; when: string; status: "accepted" | "applied" | "waitlisted"; link: string };
  "registration-received": { name: string; title: string; when: string; status: "accepted" | "waitlisted"; partySize: number; link: string };
  "waitlist-promoted": { name: string; title: string; when: string; link: string };
  "group-invite": { group: string; role: string; link: string; days: number };
  reminder: { name: string; title: string; when: string; link: string };
  "schedule-changed": { name: string; title: string; link: string };
  "shift-message": { name: string; group: string; title: string; when: string; message: string; link: string };
  "application-decided": { name: string; title: string; when: string; status: "accepted" | "declined"; link: string };
  "moderation-decided": {
    title: string;
    status: "published" | "rejected" | "edit-approved" | "edit-rejected" | "group-approved" | "group-rejected";
    reason: string;
    link: string;
  };
  "reports-threshold": { title: string; count: number; link: string };
  "place-confirm": { name: string; group: string; title: string; months: number; link: string };
  /** To a group member: someone applied (status "application") or registered ("registration"). */
  "signup-received": { name: string; title: string; when: string; person: string; partySize: number; status: "application" | "registration"; link: string };
  /** To a group member who chose a daily summary: one line per item with new sign-ups. */
  "signup-digest": { name: string; group: string; lines: string[]; link: string };
  /**
   * To a resident whose attendance was recorded: thanks, and one or two ways to continue ("steps"), each its lines
   * (a title and a line of when and why) and its page; "plain" when there is nothing to suggest.
   */
  "activity-thanks": { name: string; title: string; steps: EmailLink[]; more: string; status: "steps" | "plain" };
  /** To a registrant: the date was cancelled, with the group's reason when one was written ("reason"). */
  "date-cancelled": { name: string; title: string; when: string; reason: string; status: "plain" | "reason"; link: string };
  /** To a volunteer translator: their translation was published (with the hours credited) or sent back with a reason. */
  "translation-decided": { name: string; title: string; language: string; hours: string; reason: string; status: "approved" | "rejected"; link: string };
  /**
   * The weekly digest (opt-in): what was published since the last one and fits the person, each item its title, its
   * reasons and its page; `unsubscribe` is the one-click link (also sent as List-Unsubscribe, RFC 8058).
   */
  digest: { name: string; items: EmailLink[]; profileLink: string; unsubscribe: string };
  /** Staff invite an opted-in resident (人材バンク) to an opening short of volunteers; the resident decides. */
  "match-invitation": { name: string; title: string; group: string; reasons: string; link: string; profileLink: string };
};
/** A suggestion in an email: lines of words (made safe like any typed text) and a link to one of the portal's pages. */
export type EmailLink = { lines: string[]; url: string };
export type EmailTemplate = keyof Templates;
export type TemplateVars<T extends EmailTemplate> = Templates[T];

const USER_TEXT_VARS = new Set(["name", "title", "group", "message", "newEmail", "lastError", "reason", "person", "lines"]);

const SECRET_VARS: Partial<Record<EmailTemplate, readonly string[]>> = {
  "verify-email": ["code"],
  "login-code": ["code"],
  "quick-join-code": ["code"],
  "change-email": ["code"],
  "delete-account-code": ["code"],
  "reset-password": ["link"],
  "group-invite": ["link"],
  // The link confirms the place without signing in, so it is a credential like a reset link.
  "place-confirm": ["link"],
  // The unsubscribe link works without signing in: a copy of the database alone must not be able to use it.
  digest: ["unsubscribe"],
};

/**
 * Templates sent with a one-click unsubscribe (RFC 8058): the variable holding the link. The link becomes the
 * List-Unsubscribe header, and List-Unsubscribe-Post tells mail providers they may POST to it without a browser.
 */
const LIST_UNSUBSCRIBE: Partial<Record<EmailTemplate, string>> = { digest: "unsubscribe" };

/** Extra mail headers of an email (name → value); secrets in them are placeholders until sent, like in the body. */
export type EmailHeaders = Record<string, string>;

/** Placeholder → secret value, for the sender to fill in. Empty when the email carries no secret. */
export type EmailSecrets = Record<string, string>;

export function appUrl(path: string): string {
  return `${getEnv().APP_ORIGIN}${path.startsWith("/") ? path : `/${path}`}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");


/** Header values must be a single line: CR/LF in a name cannot add mail headers (SECURITY.md row 32). */
export function singleLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}

/**
 * Typed text made inert for mail clients that link anything looking like an address:
 * "https://evil.example/x" becomes "https[:]//evil[.]example/x". Still readable, no longer clickable.
 */
export function defuse(s: string): string {
  return s.replace(/:\/\//g, "[:]//").replace(/([A-Za-z0-9-])\.(?=[A-Za-z])/g, "$1[.]");
}

function isEmailLink(value: unknown): value is EmailLink {
  return typeof value === "object" && value !== null && Array.isArray((value as EmailLink).lines) && typeof (value as EmailLink).url === "string";
}

const ownLinkPattern = () => new RegExp(`^${escapeRegExp(getEnv().APP_ORIGIN)}/`);

/** A secret's HTML: the portal's own link stays clickable, anything else is plain escaped text. */
function secretHtml(value: string): string {
  const escaped = escapeHtml(value);
  return ownLinkPattern().test(value) ? `<a href="${escaped}">${escaped}</a>` : escaped;
}

/** The email as it is sent: placeholders replaced by their secrets (text and headers as is, HTML escaped or linked). */
export function fillSecrets(email: { subject: string; text: string; html: string; headers?: EmailHeaders }, secrets: EmailSecrets) {
  let { text, html } = email;
  const headers: EmailHeaders = { ...email.headers };
  for (const [placeholder, value] of Object.entries(secrets)) {
    text = text.replaceAll(placeholder, value);
    html = html.replaceAll(placeholder, secretHtml(value));
    for (const name of Object.keys(headers)) headers[name] = headers[name]!.replaceAll(placeholder, value);
  }
  return { subject: email.subject, text, html, headers };
}

export async function renderEmail<T extends EmailTemplate>(template: T, locale: string, vars: TemplateVars<T>) {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = serverI18n.getFixedT(lng, "email");
  const env = getEnv();
  const council = isJapanese(lng) ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN;
  const secretNames: readonly string[] = SECRET_VARS[template] ?? [];
  const secrets: EmailSecrets = {};
  const safe = (k: string, v: string) => (USER_TEXT_VARS.has(k) ? defuse(singleLine(v)) : singleLine(v));
  const plainVars = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => {
      // Links with their words: every word defused (titles are typed by groups), each link the portal's own or left out.
      if (Array.isArray(v) && v.every(isEmailLink)) return [k, v.map((item) => [...item.lines.map((line) => defuse(singleLine(line))), ...(ownLinkPattern().test(item.url) ? [singleLine(item.url)] : [])].join("\n")).join("\n\n")];
      // A list (the lines of a summary) is one paragraph, a line per entry, each entry made safe like any text.
      if (Array.isArray(v)) return [k, (v as string[]).map((line) => safe(k, line)).join("\n")];
      if (typeof v !== "string") return [k, v];
      if (secretNames.includes(k)) {
        // Random per email, so typed text can never contain (and so be replaced by) a placeholder.
        const placeholder = `[[${k}-${crypto.randomBytes(8).toString("hex")}]]`;
        secrets[placeholder] = singleLine(v);
        return [k, placeholder];
      }
      return [k, safe(k, v)];
    }),
  );
  const unsubscribeVar = LIST_UNSUBSCRIBE[template];
  const headers: EmailHeaders = unsubscribeVar
    ? { "List-Unsubscribe": `<${String(plainVars[unsubscribeVar])}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
    : {};
  // Subjects get the council's name and nothing else: no variable can put someone's words there.
  const subject = singleLine(t(`${template}.subject`, { council }));
  // A status in the variables picks the body for it (body_accepted, body_waitlisted …: i18next context).
  const context = "status" in vars ? String((vars as { status: unknown }).status) : undefined;
  const paragraphs = (t(`${template}.body`, { ...plainVars, council, context, returnObjects: true }) as unknown as string[]) ?? [];
  const footer = t("footer", { council, site: appUrl("/") });
  const text = [...paragraphs, "", footer].join("\n\n");
  // Only the portal's own links become clickable; typed text was defused above, so it never matches.
  const ownLink = new RegExp(`(${escapeRegExp(escapeHtml(env.APP_ORIGIN))}/[^\\s<]*)`, "g");
  const htmlParagraphs = paragraphs.map((p) => `<p>${escapeHtml(p).replace(ownLink, '<a href="$1">$1</a>').replaceAll("\n", "<br>")}</p>`).join("\n");
  const html = `<!doctype html><html lang="${lng}"><body style="font-family:sans-serif;font-size:16px;line-height:1.7;color:#1f2328">${htmlParagraphs}<hr><p style="font-size:14px;color:#4a5059">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html, secrets, headers };
}
