import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect, waitForHydration } from "./fixtures";

// SECURITY.md rows 17–18: a form on another site — even another port of the same host, which SameSite treats
// as the same site — cannot change anything; every kind of response carries the security headers.

test("a form served from another port cannot sign anyone out or post to the portal", async ({ page, baseURL, login }) => {
  const evil = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(`<!doctype html><title>evil</title><form method="post" action="${baseURL}/me"><input name="intent" value="logout-everywhere"><button>go</button></form>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  const port = (evil.address() as AddressInfo).port;
  try {
    // Sign in first, so the cross-site form would have a session to abuse.
    await login("owner2@example.jp");
    await page.goto("/me");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("マイページ");

    await page.goto(`http://127.0.0.1:${port}/`);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${baseURL}/me`), page.getByRole("button", { name: "go" }).click()]);
    expect(response.status()).toBe(403);

    // Still signed in: the forged "log out everywhere" did nothing.
    await page.goto("/me");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("マイページ");
  } finally {
    evil.close();
  }
});

for (const [kind, path, status] of [
  ["a page", "/", 200],
  ["a resource route", "/healthz", 200],
  ["a 404", "/no-such-page", 404],
  ["a redirect", "/me", 302],
] as const) {
  test(`${kind} carries CSP, nosniff, frame and referrer protections`, async ({ request }) => {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(status);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["content-security-policy"]).toContain("base-uri 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
  });
}

test("personal pages are never cached", async ({ page, login }) => {
  await login("owner2@example.jp");
  for (const path of ["/me", "/me/email", "/me/delete", "/me/export"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["cache-control"], path).toBe("private, no-store");
  }
});

test("a page served from the page cache still hydrates under its own hash-based CSP", async ({ page }) => {
  // Any write anywhere (another test signing in, say) empties the cache, so ask until two visits meet no write.
  let response = await page.goto("/volunteer");
  for (let i = 0; i < 5 && response?.headers()["x-page-cache"] !== "hit"; i += 1) response = await page.goto("/volunteer");
  expect(response?.headers()["x-page-cache"]).toBe("hit");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'sha256-/);
  expect(csp).not.toContain("nonce-");
  await waitForHydration(page, ".main-nav a");
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "居場所" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("居場所をさがす");
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
});
