import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { getCurrentUser, requireUser } from "~/modules/auth/permissions.server";
import { confirmJoinCode, sendJoinCode } from "~/modules/auth/accounts.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { RATE_LIMITS, clientIp, consumeRateLimit } from "~/modules/auth/rate-limit.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { tooManyRequests } from "~/utils/http.server";
import { refused, withdrawFromForm, type ParticipationOutcome } from "./outcome";
import { JOIN_INTENTS, JoinPhoneSchema, PHONE_INTENT, joinSchemasFor, maskEmail, type JoinAnswer } from "./quick-join";
import { registerByPhone } from "./phone-registration.server";

/** Who takes part: the signed-in resident, or the one whose address a quick-join code just proved. */
export type Participant = { id: number; email: string; name: string; locale: string };

type PageSchema = z.ZodObject<z.ZodRawShape & { intent: z.ZodTypeAny }>;
type JoinValues = { intent: string; name: string; email: string; consent: "on" } & Record<string, unknown>;

/**
 * The action of a page residents take part from (an event's dates, an opening's shifts): signed in, either the
 * withdraw intent or the page's own form; invalid input answers 400 with the submission reply (shown beside the
 * form that sent it). `takePart` answers a refusal or throws the post/redirect/get redirect.
 *
 * A visitor who is not signed in can take part on the same page (quick join, see `quickJoin`); anything else they
 * send goes to the login page as before.
 */
export async function participationPageAction<Schema extends PageSchema>(
  request: Request,
  options: {
    schema: Schema;
    withdraw: (user: Participant, id: number) => Promise<{ ok: true } | { ok: false; reason: string }>;
    withdrawnMessage: string;
    takePart: (user: Participant, value: Omit<z.output<Schema>, "intent">) => Promise<ParticipationOutcome>;
    /** The event whose organiser may allow registering by phone (event pages only). */
    phoneEventId?: number;
  },
) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if ((JOIN_INTENTS as readonly unknown[]).includes(intent) && !(await getCurrentUser(request))) return quickJoin(request, formData, options);
  if (intent === PHONE_INTENT && options.phoneEventId !== undefined && !(await getCurrentUser(request))) return joinByPhone(request, formData, options.phoneEventId);
  const user = await requireUser(request);
  if (intent === "withdraw") return withdrawFromForm(formData, (id) => options.withdraw(user, id), options.withdrawnMessage);
  const submission = parseWithZod(formData, { schema: options.schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return options.takePart(user, submission.value);
}

/**
 * Quick join: step 1 ("join") checks the form and emails a code to the address; step 2 ("join-code") checks the
 * code, signs the person in (making the account if there is none) and takes part through the page's own
 * `takePart`, exactly as a signed-in resident would. Both steps answer on the same page; the session cookie rides
 * on the page's usual redirect (or on the refusal, when taking part is refused after signing in).
 */
async function quickJoin<Schema extends PageSchema>(
  request: Request,
  formData: FormData,
  options: { schema: Schema; takePart: (user: Participant, value: Omit<z.output<Schema>, "intent">) => Promise<ParticipationOutcome> },
) {
  rejectBots(formData, request);
  const ip = clientIp(request);
  // What both steps have, whatever the page adds (the shift and message, or the date and party size).
  const schemas = joinSchemasFor(options.schema) as unknown as { start: z.ZodType<JoinValues>; confirm: z.ZodType<JoinValues & { code: string }> };
  if (formData.get("intent") === "join") {
    const limit = await consumeRateLimit(RATE_LIMITS.signupPerIp, ip);
    if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
    const submission = parseWithZod(formData, { schema: schemas.start });
    if (submission.status !== "success") return data({ join: { step: "details", result: submission.reply() } satisfies JoinAnswer }, { status: 400 });
    const { locale } = await getRequestI18n(request);
    await sendJoinCode({ email: submission.value.email, locale, ip });
    // Same next step whether or not the address has an account, and whether or not its email limit was reached.
    return { join: { step: "code", sentTo: maskEmail(submission.value.email), values: carried(submission.value), result: undefined } satisfies JoinAnswer };
  }
  const submission = parseWithZod(formData, { schema: schemas.confirm });
  if (submission.status !== "success") {
    const sent = parseWithZod(formData, { schema: schemas.start });
    // Without the first step's values (a tampered form) there is nothing to confirm: start again.
    if (sent.status !== "success") return data({ join: { step: "details", result: sent.reply() } satisfies JoinAnswer }, { status: 400 });
    return data({ join: { step: "code", sentTo: maskEmail(sent.value.email), values: carried(sent.value), result: submission.reply() } satisfies JoinAnswer }, { status: 400 });
  }
  const { code, intent: _intent, ...value } = submission.value;
  const { locale } = await getRequestI18n(request);
  const joined = await confirmJoinCode({ email: value.email, name: value.name, code, locale, ip });
  if (!joined.ok) {
    if (joined.reason === "rate-limited") tooManyRequests(joined.retryAfterSeconds);
    if (joined.reason === "suspended") return data({ message: "quickjoin.suspended", tone: "warn" } satisfies ParticipationOutcome, { status: 403 });
    return data(
      { join: { step: "code", sentTo: maskEmail(value.email), values: carried(value), result: submission.reply({ fieldErrors: { code: [`quickjoin.errors.${joined.reason}`] } }) } satisfies JoinAnswer },
      { status: 400 },
    );
  }
  try {
    const outcome = await options.takePart(joined.user, value as unknown as Omit<z.output<Schema>, "intent">);
    return data(outcome, { headers: { "Set-Cookie": joined.setCookie } });
  } catch (thrown) {
    if (thrown instanceof Response) thrown.headers.append("Set-Cookie", joined.setCookie);
    throw thrown;
  }
}

/**
 * Registering by phone, for events that allow it: one step (there is no code to send to a phone), its own rate
 * limit, then the participation domain's registration for a record the organiser will call back.
 */
async function joinByPhone(request: Request, formData: FormData, eventId: number) {
  rejectBots(formData, request);
  const submission = parseWithZod(formData, { schema: JoinPhoneSchema });
  if (submission.status !== "success") return data({ phone: submission.reply() }, { status: 400 });
  // Counted once the form is whole: a mistyped number corrected on the page does not use up a household's tries.
  const limit = await consumeRateLimit(RATE_LIMITS.phoneRegistrationPerIp, clientIp(request));
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  const { locale } = await getRequestI18n(request);
  const { eventDateId, partySize, name, phone } = submission.value;
  const result = await registerByPhone({ eventId, eventDateId, partySize, name, phone, locale });
  if (!result.ok) return data(refused(result.reason), { status: 409 });
  return { message: `participation.phoneRegistered.${result.status}`, tone: "info" } satisfies ParticipationOutcome;
}

/** The first step's values, sent back with the code (hidden fields), so the second step needs nothing stored. */
function carried(value: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(value).filter(([key, v]) => key !== "intent" && key !== "code" && v !== undefined && v !== null);
  return Object.fromEntries(entries.map(([key, v]) => [key, String(v)]));
}
