import type { ActionFunctionArgs } from "@remix-run/node";
import type { UNSAFE_DataWithResponseInit } from "@remix-run/router";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { openEmail } from "~/modules/email/outbox.server";

// Helpers for calling auth routes the way Remix does and for reading what they sent (people come from factories.ts).

export const ORIGIN = "http://localhost:3000";
/** A password that is long enough, not in the common-password list, and easy to spot in a dump. */
export const TEST_PASSWORD = "Tsunagu!test-pass-2026";

let counter = 0;
const run = Math.floor(Math.random() * 1e6).toString(36);

/** A fresh address nobody else in the run uses (rate limits are keyed by address). */
export function uniqueEmail(tag: string): string {
  counter += 1;
  return `${tag}-${run}-${counter}@test.example.jp`;
}

/** Distinct client addresses per file (`prefix` 1..250) so per-IP limits of one test never touch another. */
export function ipFactory(prefix: number): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `10.${prefix}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  };
}

/** What an action answered with `data(value, init)`: the value, and the status it is sent with. */
type DataWithInit<D> = UNSAFE_DataWithResponseInit<D>;
/** An action's answer as the page receives it: `data(value, { status })` unwrapped to the value. */
export type ActionData<T> = T extends DataWithInit<infer D> ? D : T;

export type ActionOutcome<T> = { response: Response; data?: undefined; status: number } | { response?: undefined; data: T; status: number };

type AnyAction<T> = (args: ActionFunctionArgs) => Promise<T> | T;

function isDataWithInit(value: unknown): value is DataWithInit<unknown> {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** An action's return value as `{ data, status }`: a `data(value, init)` answer is unwrapped, a plain value is a 200. */
export function actionAnswer<T>(out: T): { data: ActionData<T>; status: number } {
  if (isDataWithInit(out)) return { data: out.data as ActionData<T>, status: out.init?.status ?? 200 };
  return { data: out as ActionData<T>, status: 200 };
}

/**
 * POSTs a form to a route action. Thrown or returned Responses (redirects, 4xx) come back as `response`; data comes
 * back unwrapped, with the status it is sent with (400 for a form answered with errors).
 */
export async function postForm<T>(
  action: AnyAction<T>,
  path: string,
  fields: Record<string, string>,
  options: { ip?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<ActionOutcome<ActionData<Awaited<T>>>> {
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  headers.set(CLIENT_IP_HEADER, options.ip ?? "192.0.2.1");
  if (options.cookie) headers.set("Cookie", options.cookie);
  const url = path.startsWith("http") ? path : `${ORIGIN}${path}`;
  const request = new Request(url, { method: "POST", headers, body: new URLSearchParams(fields) });
  try {
    const out = await action({ request, params: {}, context: {} });
    if (out instanceof Response) return { response: out, status: out.status };
    return actionAnswer(out);
  } catch (error) {
    if (error instanceof Response) return { response: error, status: error.status };
    throw error;
  }
}

/** The thrown/returned Response of an outcome, or a failure explaining what came back instead. */
export function responseOf<T>(outcome: ActionOutcome<T>): Response {
  if (!outcome.response) throw new Error(`expected a Response, got data: ${JSON.stringify(outcome.data)}`);
  return outcome.response;
}

export function dataOf<T>(outcome: ActionOutcome<T>): T {
  if (outcome.response) throw new Error(`expected data, got a ${outcome.response.status} Response (Location: ${outcome.response.headers.get("Location")})`);
  return outcome.data as T;
}

/** `name=value` of a Set-Cookie header, for a Cookie request header. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0]!.trim();
}

export function cookieValue(setCookie: string | null): string {
  const pair = cookiePair(setCookie);
  return pair.slice(pair.indexOf("=") + 1);
}

export function requestWithCookie(path: string, cookie?: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { ...init, headers });
}

/** Emails queued to an address (newest last), as they will be sent: sealed codes and links filled in. */
export async function emailsTo(address: string, template?: string) {
  const rows = await prisma.emailOutbox.findMany({ where: { toAddress: address, ...(template ? { template } : {}) }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ ...row, ...openEmail(row) }));
}

export async function latestEmail(address: string, template?: string) {
  const rows = await emailsTo(address, template);
  const row = rows.at(-1);
  if (!row) throw new Error(`no ${template ?? ""} email to ${address}`);
  return row;
}

/** The one-time code in an email body ("確認コード：12345678" / "Code: 12345678"). */
export function codeFrom(text: string): string {
  const match = /[:：]\s*(\d+)\s*$/m.exec(text);
  if (!match) throw new Error(`no code in: ${text}`);
  return match[1]!;
}

/** The reset link in an email body. */
export function resetLinkFrom(text: string): string {
  const match = /(\S+\/reset-password\?token=\S+)/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1]!;
}

export function tokenFromLink(link: string): string {
  return new URL(link).searchParams.get("token") ?? "";
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The form-level and field errors of a conform reply, flattened to their message keys. */
export function errorKeys(result: unknown): string[] {
  const error = (result as { error?: Record<string, string[] | null> } | undefined)?.error;
  if (!error) return [];
  return Object.values(error).flatMap((e) => e ?? []);
}

export function fieldErrors(result: unknown, field: string): string[] {
  return (result as { error?: Record<string, string[] | null> } | undefined)?.error?.[field] ?? [];
}
