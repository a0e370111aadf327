import type { Page } from "@playwright/test";

/**
 * Every page the accessibility checks visit, in one table: who views it (nobody signed in, a resident, a group's
 * owner, council staff) and how to reach it. A page reached from another (a listing's first card, an edit link) names
 * what to `remember` on the page before it; a page in a state (a form answered with errors) says how to get there.
 */
export type Area = "public" | "resident" | "group" | "staff";

export type PageVisit = {
  name: string;
  /** A path, or one built from what earlier pages remembered. */
  path: string | ((found: Record<string, string>) => string);
  /** After loading: keep these links' hrefs (first match of each selector) for later pages. */
  remember?: Record<string, string>;
  /** After loading: bring the page into the state to check. */
  then?: (page: Page) => Promise<void>;
  /** Also served to visitors without JavaScript as checked-in HTML (the Nu checker reads it). */
  html?: boolean;
};

export const ACCOUNTS: Record<Area, string | null> = {
  public: null,
  resident: "resident@example.jp",
  group: "owner@example.jp",
  staff: "staff@example.jp",
};

/** Sends a form with the browser's own checks off, so the server answers with its translated errors. */
async function submitEmpty(page: Page, form: string, button: string) {
  await page.locator(form).evaluate((node) => node.setAttribute("novalidate", ""));
  await page.locator(button).click();
  await page.locator(".field__error").first().waitFor();
}

export const PAGES: Record<Area, PageVisit[]> = {
  public: [
    { name: "home", path: "/", html: true },
    { name: "places", path: "/places", html: true, remember: { place: ".card__title a" } },
    { name: "places for beginners", path: "/places?beginner=1", html: true },
    { name: "events", path: "/events", html: true, remember: { event: ".card__title a" } },
    { name: "volunteer", path: "/volunteer", html: true, remember: { opening: ".card__title a" } },
    { name: "search", path: "/search", html: true },
    { name: "search results", path: "/search?q=サロン", html: true },
    { name: "a place", path: (found) => found.place!, html: true },
    { name: "an event", path: (found) => found.event!, html: true },
    { name: "a volunteer opening", path: (found) => found.opening!, html: true },
    { name: "report a place", path: (found) => found.place!.replace(/^\/places\//, "/report/place/"), html: true },
    { name: "quick match", path: "/match", html: true },
    { name: "quick match results", path: "/match?like=elderly.children&when=weekday-am.weekend-pm&area=fujimi&avoid=fee", html: true },
    { name: "privacy", path: "/privacy", html: true },
    { name: "accessibility", path: "/accessibility", html: true },
    { name: "open data", path: "/opendata", html: true },
    { name: "sign up", path: "/signup", html: true },
    { name: "forgot password", path: "/forgot-password", html: true },
    { name: "log in", path: "/login", html: true },
    { name: "log in with errors", path: "/login", then: (page) => submitEmpty(page, "form.form", "form.form button[type=submit]") },
    { name: "page not found", path: "/no-such-page", html: true },
    // The weekly digest's unsubscribe link, opened with a token that is not valid (a valid one needs the server's key).
    { name: "unsubscribe link that does not work", path: "/unsubscribe/1.1.x" },
  ],
  resident: [
    { name: "my page", path: "/me" },
    { name: "my profile", path: "/me/profile" },
    { name: "my profile with errors", path: "/me/profile", then: async (page) => { await page.locator("input[name=otherSkills]").fill("あ".repeat(31)); await submitEmpty(page, "form.form", "form.form button[type=submit]"); } },
    { name: "quick match, signed in", path: "/match?like=elderly&when=weekday-am&area=fujimi" },
    { name: "change email", path: "/me/email" },
    { name: "delete account", path: "/me/delete" },
    { name: "volunteer certificate", path: "/me/certificate" },
  ],
  group: [
    { name: "workspace", path: "/manage" },
    {
      name: "a group",
      path: "/manage/groups/1",
      remember: { place: "#places-list a", event: "#events-list a", opening: "#openings-list a" },
    },
    { name: "group profile", path: "/manage/groups/1/profile" },
    { name: "new place", path: "/manage/groups/1/places/new" },
    { name: "new event", path: "/manage/groups/1/events/new" },
    { name: "new opening", path: "/manage/groups/1/openings/new" },
    { name: "edit a place", path: (found) => found.place! },
    { name: "edit an event", path: (found) => found.event! },
    { name: "edit an opening", path: (found) => found.opening! },
    { name: "event form with errors", path: "/manage/groups/1/events/new", then: (page) => submitEmpty(page, "form.form", "button[value=submit]") },
  ],
  staff: [
    { name: "staff menu", path: "/staff" },
    { name: "review queue", path: "/staff/review", remember: { review: ".data-table tbody a" } },
    { name: "reports", path: "/staff/reports" },
    { name: "groups", path: "/staff/groups" },
    { name: "people", path: "/staff/people" },
    { name: "freshness", path: "/staff/freshness" },
    { name: "openings short of volunteers", path: "/staff/openings", remember: { discovery: ".short-openings-table a.button" } },
    { name: "people who fit an opening", path: (found) => found.discovery! },
    { name: "dashboard", path: "/staff/dashboard" },
    { name: "audit log", path: "/staff/audit" },
    { name: "a review", path: (found) => found.review! },
    {
      name: "a decision answered with an error",
      path: (found) => found.review!,
      // Sending back without a reason, which the decision requires.
      then: async (page) => {
        await page.locator("form button[name=intent][value=reject]").click();
        await page.locator(".field__error").first().waitFor();
      },
    },
  ],
};

/** `path` with ?lng=xx added. */
export function inLanguage(path: string, lng: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}lng=${lng}`;
}
