import { HONEYPOT_FIELD } from "./schemas";
import { logEvent } from "~/utils/logger.server";
import { clientIp } from "./rate-limit.server";

/** A filled honeypot means a bot: 400, nothing stored, nothing sent (SECURITY.md row 30). */
export function rejectBots(formData: FormData, request: Request) {
  const value = formData.get(HONEYPOT_FIELD);
  if (typeof value === "string" && value.length > 0) {
    logEvent({ event: "honeypot.filled", ip: clientIp(request), path: new URL(request.url).pathname });
    throw new Response("Bad Request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
