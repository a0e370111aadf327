// Pages for requests the HTTP server refuses before the app runs (server.mjs: unreadable or oversized bodies,
// cross-site forms). They are plain HTML, but translated like every page: a person who pasted a huge text or whose
// browser sent something odd should read what happened in their own language.
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { escapeHtml } from "~/utils/html";

export type RequestErrorReason = "bodyTooLarge" | "bodyUnreadable" | "bodyUnsupported" | "bodyTooSlow" | "crossOrigin";


export async function requestErrorPage(request: Request, reason: RequestErrorReason): Promise<string> {
  const { locale, t } = await getRequestI18n(request);
  const title = escapeHtml(t(`requestError.${reason}.title`));
  const message = escapeHtml(t(`requestError.${reason}.message`));
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${title} | ${escapeHtml(t("site.name"))}</title></head>`,
    `<body><main><h1>${title}</h1><p>${message}</p><p><a href="/">${escapeHtml(t("requestError.home"))}</a></p></main></body></html>`,
  ].join("");
}
