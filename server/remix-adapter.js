// The bridge from Express to Remix, in place of @remix-run/express's createRequestHandler, for two reasons:
// - the body is read by us first (counted and limited, see http-input.js) and handed over as bytes;
// - the URL Remix sees is built from APP_ORIGIN, never from Host or X-Forwarded-Host, so nothing the app renders or
//   links to can be steered by a header, and Remix's own host/origin check sees the same host the guard checked.
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { RequestInputError, assertFormBody, bodyLimitFor, readBody } from "./http-input.js";
import { isOneClickUnsubscribe } from "./request-guard.js";

const HOP_BY_HOP = new Set(["host", "x-forwarded-host", "connection", "keep-alive", "transfer-encoding", "content-length"]);

/**
 * @param {{ build: any, mode: string, appOrigin: string, getLoadContext: (req: any, res: any) => object,
 *           onInputError: (req: any, res: any, error: RequestInputError) => Promise<void>,
 *           finishHeaders?: (req: any, response: Response) => Record<string, string> | null,
 *           beforeSend?: (req: any) => Promise<void> | undefined }} options
 */
export function createRequestHandler({ build, mode, appOrigin, getLoadContext, onInputError, finishHeaders, beforeSend }) {
  const handle = createRemixHandler(build, mode);
  const appHost = new URL(appOrigin).host;

  return async (req, res, next) => {
    try {
      if (!req.originalUrl.startsWith("/")) throw new RequestInputError(400, "bodyUnreadable");
      const url = new URL(appOrigin + req.originalUrl);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      headers.set("host", appHost);
      // A mail provider's one-click unsubscribe carries its own Origin (request-guard.js lets it through on purpose);
      // Remix would refuse the action for it with a 500, so the header it has no use for is not passed on.
      if (isOneClickUnsubscribe(req.method, req.path)) headers.delete("origin");

      const controller = new AbortController();
      /** @type {RequestInit & { duplex?: string }} */
      const init = { method: req.method, headers, signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const body = await readBody(req, bodyLimitFor(req.path));
        await assertFormBody(req.headers["content-type"], body);
        init.body = body;
      }
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => finished || controller.abort());

      // The access log's request id, for the session lookup to note who asked (app/utils/request-user.server.ts).
      const requestId = res.locals.requestId;
      if (requestId) headers.set("x-tsunagu-request-id", requestId);
      else headers.delete("x-tsunagu-request-id");
      let response;
      try {
        response = await handle(new Request(url.href, init), getLoadContext(req, res));
      } finally {
        if (requestId) res.locals.userId = build.entry.module.takeRequestUser?.(requestId) ?? null;
      }
      const extra = finishHeaders?.(req, response);
      if (extra) {
        // A Response made by Response.redirect() has immutable headers: copy it (only when something must change).
        response = new Response(response.body, response);
        for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
      }
      await beforeSend?.(req);
      await sendResponse(res, response);
    } catch (error) {
      if (error instanceof RequestInputError) {
        await onInputError(req, res, error);
        return;
      }
      next(error);
    }
  };
}

/** As @remix-run/express sends a Remix response (its own helper is not part of its public exports). */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
