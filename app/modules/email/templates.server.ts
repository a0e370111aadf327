import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { getEnv } from "~/utils/env.server";

// Email templates in the recipient's language (public/locales/<lng>/email.json). Links are always built from
// APP_ORIGIN, never from request headers (host-header poisoning, SECURITY.md row 9).

type Templates = {
  "verify-email": { name: string; code: string };
  "login-code": { code: string };
  "reset-password": { name: string; link: string };
  "signup-existing": { link: string };
  "change-email": { name: string; code: string };
  "email-changed": { name: string; newEmail: string };
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
};
export type EmailTemplate = keyof Templates;
export type TemplateVars<T extends EmailTemplate> = Templates[T];

export function appUrl(path: string): string {
  return `${getEnv().APP_ORIGIN}${path.startsWith("/") ? path : `/${path}`}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Header values must be a single line: CR/LF in a name cannot add mail headers (SECURITY.md row 32). */
export function singleLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}

export async function renderEmail<T extends EmailTemplate>(template: T, locale: string, vars: TemplateVars<T>) {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = serverI18n.getFixedT(lng, "email");
  const env = getEnv();
  const council = lng === "ja" ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN;
  const plainVars = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? singleLine(v) : v]));
  const subject = singleLine(t(`${template}.subject`, { ...plainVars, council }));
  // A status in the variables picks the body for it (body_accepted, body_waitlisted …: i18next context).
  const context = "status" in vars ? String((vars as { status: unknown }).status) : undefined;
  const paragraphs = (t(`${template}.body`, { ...plainVars, council, context, returnObjects: true }) as unknown as string[]) ?? [];
  const footer = t("footer", { council, site: appUrl("/") });
  const text = [...paragraphs, "", footer].join("\n\n");
  // Only the portal's own links become clickable; any other address (e.g. typed as a name) stays plain text.
  const ownLink = new RegExp(`(${escapeRegExp(escapeHtml(env.APP_ORIGIN))}/[^\\s<]*)`, "g");
  const htmlParagraphs = paragraphs.map((p) => `<p>${escapeHtml(p).replace(ownLink, '<a href="$1">$1</a>')}</p>`).join("\n");
  const html = `<!doctype html><html lang="${lng}"><body style="font-family:sans-serif;font-size:16px;line-height:1.7;color:#1f2328">${htmlParagraphs}<hr><p style="font-size:14px;color:#4a5059">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
