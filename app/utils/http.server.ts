import { idFrom } from "./ids";

/** A 404 the nearest error boundary renders; used for missing and not-public items alike (no existence oracle). */
export function notFound(): never {
  throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Route ids are positive integers; anything else is a 404, never a 500. */
export function parseIdParam(value: string | undefined): number {
  return idFrom(value) ?? notFound();
}

/** 429 with Retry-After, sent before any expensive work (hashing, email). */
export function tooManyRequests(retryAfterSeconds: number): never {
  throw new Response("Too Many Requests", {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Personal and staff pages must never be stored by browsers or proxies (SECURITY.md row 20). */
export const NO_STORE = { "Cache-Control": "no-store" } as const;
