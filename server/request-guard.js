// Request hygiene shared by the HTTP server and its tests. Plain JS so the server runs without a build step.
import crypto from "node:crypto";

/** Methods that may change state: every one of them must come from our own origin. */
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The one path a state-changing request may come from another origin: the one-click unsubscribe link of the weekly
 * digest (RFC 8058). A mail provider posts `List-Unsubscribe=One-Click` to it from its own servers, with no Origin of
 * ours (or none at all) and no session, so the Origin check would refuse exactly the request the RFC asks us to
 * honour. The signed token in the path is the whole permission and all it can do is turn the digest off: a forged
 * cross-site POST can do nothing that holding the link does not already allow. Only this exact shape is exempt.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9._-]{1,200}$/;

/**
 * A POST to the one-click unsubscribe link (see above).
 * @param {string} method
 * @param {string | undefined} path the path without its query
 */
export function isOneClickUnsubscribe(method, path) {
  return method.toUpperCase() === "POST" && ONE_CLICK_UNSUBSCRIBE.test(path ?? "");
}

/**
 * Cross-site request check (SECURITY.md row 17). SameSite=Lax alone is per *site* (other ports are
 * same-site), so the exact Origin is compared; browsers that omit Origin must say same-origin in Sec-Fetch-Site.
 * The host the request was addressed to (X-Forwarded-Host when present, else Host) must be APP_ORIGIN's host too:
 * a mismatch is refused here as a 403 rather than thrown by Remix's own check as a 500.
 * @param {{ method: string, path?: string, origin?: string | null, secFetchSite?: string | null, host?: string | null, forwardedHost?: string | null }} req
 * @param {string} appOrigin
 * @returns {boolean} true when the request may proceed
 */
export function isSameOriginRequest(req, appOrigin) {
  if (!UNSAFE.has(req.method.toUpperCase())) return true;
  const addressed = (req.forwardedHost ?? "").split(",")[0]?.trim() || req.host;
  if (addressed != null && addressed.toLowerCase() !== new URL(appOrigin).host) return false;
  if (isOneClickUnsubscribe(req.method, req.path)) return true;
  if (req.origin) return req.origin === appOrigin;
  return req.secFetchSite === "same-origin";
}

// Every response gets a fresh nonce; they are cut from a larger random block, filled from the CSPRNG 256 nonces at
// a time (one call into the system's random source per request was a visible share of a cache hit's cost).
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceAt = noncePool.length;

export function createNonce() {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    crypto.randomFillSync(noncePool);
    nonceAt = 0;
  }
  const nonce = noncePool.toString("base64", nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return nonce;
}

/**
 * Security headers for every response (documents, resources, errors).
 * @param {{ nonce: string, production: boolean, imgSources?: string[] }} options
 */
export function securityHeaders({ nonce, production, imgSources = [] }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    `img-src 'self' data: ${imgSources.join(" ")}`.trim(),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  /** @type {Record<string, string>} */
  const headers = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
