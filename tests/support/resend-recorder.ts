import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";

// A stand-in for the Resend HTTP API (POST /emails) on 127.0.0.1. It records every request (JSON body and
// headers), answers like Resend does, and can be told to fail (5xx, 429 + retry-after, 422, slow answers).
// Point the app at it with RESEND_API_KEY=re_test and RESEND_BASE_URL=<url> (vitest and Playwright alike).
// GET /__recorded lists accepted emails and GET /__health answers "ok".

export type RecordedRequest = {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  /** The status the recorder answered with. */
  status: number;
  /** The id answered for an accepted email. */
  id?: string;
};

export type RecorderReply = {
  status: number;
  /** Defaults: `{ id }` for 2xx, Resend's `{ statusCode, name, message }` otherwise. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts, slow provider). */
  delayMs?: number;
};

/** "ok" accepts every email; a reply object is used for every request; a function decides per request. */
export type RecorderBehaviour = "ok" | RecorderReply | ((request: RecordedRequest, index: number) => RecorderReply | Promise<RecorderReply>);

export type ResendRecorder = {
  url: string;
  port: number;
  /** Every request to POST /emails, oldest first. */
  requests: RecordedRequest[];
  /** Emails Resend would have delivered: accepted requests, once per Idempotency-Key. */
  delivered: () => RecordedRequest[];
  setBehaviour: (next: RecorderBehaviour) => void;
  reset: () => void;
  close: () => Promise<void>;
};

const ERROR_NAMES: Record<number, string> = {
  400: "validation_error",
  401: "missing_api_key",
  403: "invalid_api_key",
  409: "concurrent_idempotent_requests",
  422: "validation_error",
  429: "rate_limit_exceeded",
  500: "internal_server_error",
  503: "service_unavailable",
};

export async function startResendRecorder(
  options: { port?: number; behaviour?: RecorderBehaviour; /** Also write each accepted email as JSON here. */ outDir?: string } = {},
): Promise<ResendRecorder> {
  let behaviour: RecorderBehaviour = options.behaviour ?? "ok";
  const requests: RecordedRequest[] = [];
  /** Idempotency-Key → the id first answered for it (Resend returns the same response for 24 h). */
  const idsByKey = new Map<string, string>();
  let nextId = 1;
  if (options.outDir) fs.mkdirSync(options.outDir, { recursive: true });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        let body: unknown = raw;
        try {
          body = raw ? JSON.parse(raw) : null;
        } catch {
          // keep the raw text
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));
        const url = new URL(req.url ?? "/", "http://recorder.invalid");
        const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
          res.writeHead(status, { "Content-Type": "application/json", ...extra });
          res.end(JSON.stringify(payload));
        };
        // Read-back endpoints in the shape tests/support/resend-recorder-server.mjs serves to Playwright.
        if (req.method === "GET" && url.pathname === "/__health") {
          res.end("ok");
          return;
        }
        if (req.method === "GET" && url.pathname === "/__recorded") {
          send(
            200,
            requests
              .filter((r) => r.status >= 200 && r.status < 300)
              .map((r) => ({ id: r.id, idempotencyKey: r.headers["idempotency-key"] ?? null, authorization: Boolean(r.headers.authorization), ...(r.body as object) })),
          );
          return;
        }
        if (req.method !== "POST" || url.pathname !== "/emails") {
          send(404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
          return;
        }
        const recorded: RecordedRequest = { method: req.method, path: url.pathname, headers, body, at: Date.now(), status: 0 };
        const index = requests.length;
        requests.push(recorded);
        const reply: RecorderReply = behaviour === "ok" ? { status: 200 } : typeof behaviour === "function" ? await behaviour(recorded, index) : behaviour;
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        recorded.status = reply.status;
        if (reply.status >= 200 && reply.status < 300) {
          const key = headers["idempotency-key"];
          let id = key ? idsByKey.get(key) : undefined;
          if (!id) {
            id = `rec_${nextId++}`;
            if (key) idsByKey.set(key, id);
            if (options.outDir) fs.writeFileSync(path.join(options.outDir, `${id}.json`), JSON.stringify({ headers, body }, null, 2));
          }
          recorded.id = id;
          send(reply.status, reply.body ?? { id }, reply.headers);
          return;
        }
        const name = ERROR_NAMES[reply.status] ?? "application_error";
        send(reply.status, reply.body ?? { statusCode: reply.status, name, message: `recorder answered ${reply.status}` }, reply.headers);
      })().catch((error: unknown) => {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ statusCode: 500, name: "internal_server_error", message: String(error) }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    delivered: () => {
      const seen = new Set<string>();
      return requests.filter((r) => {
        if (r.status < 200 || r.status >= 300) return false;
        const key = r.headers["idempotency-key"];
        if (!key) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    setBehaviour: (next) => {
      behaviour = next;
    },
    reset: () => {
      requests.length = 0;
      idsByKey.clear();
      behaviour = "ok";
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
