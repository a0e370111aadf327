// What the server accepts from a request before any route sees it: cookies it can read, and a body whose size is
// counted in bytes actually received (a chunked body has no Content-Length to trust) and whose encoding a form
// action can decode. Everything here answers with a status instead of throwing deep inside an action.

/** Sign-in, profile and item forms are a few KB; only photo uploads are large (the photo limit itself is 5 MB). */
export const FORM_BODY_LIMIT = 256 * 1024;
export const UPLOAD_BODY_LIMIT = 12 * 1024 * 1024;
const UPLOAD_PATHS = [/^\/manage\/groups\/\d+\/places\/\d+\/photos(?:\.data)?$/];

export function bodyLimitFor(path) {
  return UPLOAD_PATHS.some((re) => re.test(path)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
}

/**
 * How long a body may take to arrive: a form (a few KB) within 10 s, an upload within 2 min, and never a pause of
 * more than 5 s. A client that trickles a body byte by byte (slowloris) would otherwise hold a connection and its
 * buffer for Node's 5-minute request timeout; it gets 408 instead.
 */
export const BODY_DEADLINE_MS = { form: 10_000, upload: 120_000, idle: 5_000 };

/** A request the server refuses before the app runs: 400, 408, 413 … with the reason shown to the person (translated). */
export class RequestInputError extends Error {
  /** @param {number} status @param {"bodyTooLarge" | "bodyUnreadable" | "bodyUnsupported" | "bodyTooSlow"} reason */
  constructor(status, reason) {
    super(reason);
    this.status = status;
    this.reason = reason;
  }
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Cookie values as RFC 6265 allows them (plus the percent-escapes cookie libraries use).
const COOKIE_VALUE = /^"?[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*"?$/;

/**
 * Drops every cookie pair a parser could choke on (e.g. `lng=%E0%A4%A`), so one broken cookie is ignored instead of
 * failing every page. Returns the header to pass on (undefined when nothing readable is left).
 * @param {string | undefined} header
 */
export function readableCookieHeader(header) {
  if (!header) return undefined;
  const kept = [];
  for (const part of header.split(";")) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value)) continue;
    try {
      decodeURIComponent(value);
    } catch {
      continue;
    }
    kept.push(`${name}=${value}`);
  }
  return kept.length ? kept.join("; ") : undefined;
}

/**
 * Reads the whole body of `req`, counting bytes as they arrive, and stops at `limit`.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit, deadlines = BODY_DEADLINE_MS) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new RequestInputError(413, "bodyTooLarge"));
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const tooSlow = () => {
      chunks.length = 0;
      req.pause();
      finish(new RequestInputError(408, "bodyTooSlow"));
    };
    const total = setTimeout(tooSlow, limit > FORM_BODY_LIMIT ? deadlines.upload : deadlines.form);
    let idle = setTimeout(tooSlow, deadlines.idle);
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(total);
      clearTimeout(idle);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk) => {
      clearTimeout(idle);
      idle = setTimeout(tooSlow, deadlines.idle);
      size += chunk.length;
      if (size > limit) {
        // Stop buffering at once; the caller answers 413 and closes the connection, so the rest is never read.
        chunks.length = 0;
        req.pause();
        finish(new RequestInputError(413, "bodyTooLarge"));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onError = () => finish(new RequestInputError(400, "bodyUnreadable"));
    const onAborted = () => finish(new RequestInputError(400, "bodyUnreadable"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

/**
 * Form actions read their input with `request.formData()`; a body it cannot decode would throw there (a 500).
 * Only the two form encodings are accepted, and a multipart body must parse.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {Promise<void>} rejects with a RequestInputError
 */
export async function assertFormBody(contentType, body) {
  if (body.length === 0) return;
  const type = String(contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return;
  if (type !== "multipart/form-data") throw new RequestInputError(400, "bodyUnsupported");
  if (!/;\s*boundary=/i.test(String(contentType))) throw new RequestInputError(400, "bodyUnreadable");
  try {
    await new Response(body, { headers: { "Content-Type": String(contentType) } }).formData();
  } catch {
    throw new RequestInputError(400, "bodyUnreadable");
  }
}
