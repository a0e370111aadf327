// Request hygiene shared by the HTTP server and its tests. Plain JS so the server runs without a build step.
import crypto from "node:crypto";

/** Methods that may change state: every one of them must come from our own origin. */
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request check (SECURITY.md row 17). SameSite=Lax alone is per *site* (other ports are
 * same-site), so the exact Origin is compared; browsers that omit Origin must say same-origin in Sec-Fetch-Site.
 * The host the request was addressed to (X-Forwarded-Host when present, else Host) must be APP_ORIGIN's host too:
 * a mismatch is refused here as a 403 rather than thrown by Remix's own check as a 500.
 * @param {{ method: string, origin?: string | null, secFetchSite?: string | null, host?: string | null, forwardedHost?: string | null }} req
 * @param {string} appOrigin
 * @returns {boolean} true when the request may proceed
 */
export function isSameOriginRequest(req, appOrigin) {
  if (!UNSAFE.has(req.method.toUpperCase())) return true;
  const addressed = (req.forwardedHost ?? "").split(",")[0]?.trim() || req.host;
  if (addressed != null && addressed.toLowerCase() !== new URL(appOrigin).host) return false;
  if (req.origin) return req.origin === appOrigin;
  return req.secFetchSite === "same-origin";
}

export function createNonce() {
  return crypto.randomBytes(16).toString("base64");
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
