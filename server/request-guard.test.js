import { describe, expect, it } from "vitest";
import { createNonce, isSameOriginRequest, securityHeaders } from "./request-guard.js";

const ORIGIN = "https://tsunagu.example.jp";

describe("cross-origin requests that change state are refused", () => {
  it.each([
    ["POST from our origin", { method: "POST", origin: ORIGIN }, true],
    ["POST from another site", { method: "POST", origin: "https://evil.example" }, false],
    ["POST from another port of the same host", { method: "POST", origin: "https://tsunagu.example.jp:8443" }, false],
    ["POST with Origin: null", { method: "POST", origin: "null" }, false],
    ["POST without Origin, same-origin fetch metadata", { method: "POST", secFetchSite: "same-origin" }, true],
    ["POST without Origin, cross-site fetch metadata", { method: "POST", secFetchSite: "cross-site" }, false],
    ["POST with neither header", { method: "POST" }, false],
    ["DELETE from another site", { method: "DELETE", origin: "https://evil.example" }, false],
    ["GET from anywhere", { method: "GET", origin: "https://evil.example" }, true],
    ["POST from our origin addressed to our host", { method: "POST", origin: ORIGIN, host: "tsunagu.example.jp" }, true],
    ["POST from our origin claiming another forwarded host", { method: "POST", origin: ORIGIN, host: "tsunagu.example.jp", forwardedHost: "evil.example" }, false],
    ["POST from our origin sent to another host name of this server", { method: "POST", origin: ORIGIN, host: "127.0.0.1" }, false],
    ["POST through a proxy that forwards our host", { method: "POST", origin: ORIGIN, host: "127.0.0.1:3000", forwardedHost: "tsunagu.example.jp" }, true],
    ["GET with another host", { method: "GET", host: "127.0.0.1" }, true],
    // RFC 8058: a mail provider posts the one-click unsubscribe from its own servers.
    ["one-click unsubscribe POST from a mail provider", { method: "POST", path: "/unsubscribe/12.20500.abc_-", origin: "https://mail.example.com" }, true],
    ["one-click unsubscribe POST with neither header", { method: "POST", path: "/unsubscribe/12.20500.abc_-", host: "tsunagu.example.jp" }, true],
    ["one-click unsubscribe POST addressed to another host", { method: "POST", path: "/unsubscribe/12.20500.abc", host: "evil.example" }, false],
    ["POST to a path below the unsubscribe link from another site", { method: "POST", path: "/unsubscribe/12/x", origin: "https://evil.example" }, false],
    ["POST to /unsubscribe itself from another site", { method: "POST", path: "/unsubscribe", origin: "https://evil.example" }, false],
    ["DELETE of the unsubscribe link from another site", { method: "DELETE", path: "/unsubscribe/12.20500.abc", origin: "https://evil.example" }, false],
  ])("%s", (_name, req, allowed) => {
    expect(isSameOriginRequest(req, ORIGIN)).toBe(allowed);
  });
});

describe("security headers", () => {
  it("sets a nonce-based CSP that forbids framing, plugins and base changes", () => {
    const nonce = createNonce();
    const h = securityHeaders({ nonce, production: true });
    expect(h["Content-Security-Policy"]).toContain(`'nonce-${nonce}'`);
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(h["Content-Security-Policy"]).toContain("base-uri 'none'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce, production: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("makes a fresh, unguessable nonce per request", () => {
    const a = createNonce();
    expect(a).not.toBe(createNonce());
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});
