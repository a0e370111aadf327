import Database from "better-sqlite3";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { E2E_DATABASE } from "../../playwright.config";
import { insertSession, SESSION_COOKIE } from "../support/session-rows";

export { E2E_DATABASE };

/** Signs a person in by writing a session row, as a login would; the cookie goes to `context` (default: the test's). */
type Login = (email: string, options?: { context?: BrowserContext }) => Promise<{ id: number; email: string }>;

/**
 * Every page must load without script errors, CSP violations or failed hydration: a test fails on any
 * uncaught page error or console error.
 *
 * `login` skips the sign-in form (Epic Stack's playwright-utils pattern): only the test of the form itself
 * (resident-manages-account) goes through it, so the others neither wait on argon2 nor depend on that page.
 */
export const test = base.extend<{ problems: string[]; login: Login }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      page.on("console", (msg) => {
        // The browser logs its own line for a 403/404 document and for a form answered with errors (400); tests that
        // expect those check the status or the errors themselves.
        // A map tile that cannot be fetched is logged too: the map test points tiles at a closed port on purpose.
        const tile = /[?&]z=\d+&x=\d+&y=\d+/.test(msg.location().url) && /Failed to load resource/.test(msg.text());
        if (msg.type() === "error" && !tile && !/Failed to load resource: the server responded with a status of 40[034]/.test(msg.text())) {
          problems.push(`console: ${msg.text()}`);
        }
      });
      await use(problems);
      expect(problems, "page errors").toEqual([]);
    },
    { auto: true },
  ],
  // Named `provide`, not `use`: the React hooks lint rule would take `use` inside `login` for a hook.
  login: async ({ context, baseURL }, provide) => {
    await provide(async (email, { context: target = context } = {}) => {
      const db = new Database(E2E_DATABASE);
      try {
        db.pragma("busy_timeout = 5000");
        const user = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: number } | undefined;
        if (!user) throw new Error(`no account ${email} in ${E2E_DATABASE}`);
        await target.addCookies([{ name: SESSION_COOKIE, value: insertSession(db, user.id), url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
        return { id: user.id, email };
      } finally {
        db.close();
      }
    });
  },
});

export { expect };

/** The href of the first listing card on a list page. */
export async function firstCardHref(page: Page, listPath: string): Promise<string> {
  await page.goto(listPath);
  const href = await page.locator(".card__title a").first().getAttribute("href");
  if (!href) throw new Error(`no card on ${listPath}`);
  return href;
}

/**
 * Waits until React has hydrated `selector` (React attaches its fiber to a node when it hydrates it), so a click
 * is handled by the client router rather than by the browser as a full page load. Without it a test that clicks
 * right after `goto` races hydration, which loses on a busy machine.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const node = document.querySelector(sel);
      return Boolean(node && Object.keys(node).some((key) => key.startsWith("__reactFiber")));
    },
    selector,
    { timeout: 15_000 },
  );
}
