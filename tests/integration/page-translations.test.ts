import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEFAULT_LOCALE, LOCALE_NAMES, SUPPORTED_LOCALES, UI_NAMESPACES } from "~/modules/i18n/config";
import { readNamespace } from "~/modules/i18n/i18next.server";
import { TRANSLATIONS_ELEMENT_ID, routeNamespaces, type PageTranslations } from "~/modules/i18n/page-translations";
import { renderRoutes } from "../support/render-app";

// Pages rendered the way the server renders them (entry.server, root, the route), from source: what words does a
// page carry, and does it render with only those? A key outside the page's namespaces is logged with
// console.error, which fails the test.

const ROUTES = ["_index", "places._index", "places.$id", "events._index", "events.$id", "volunteer._index", "volunteer.$id", "search", "privacy", "login", "signup", "$"];

let handle: (request: Request) => Promise<Response>;
let handles: Record<string, unknown> = {};

beforeAll(async () => {
  ({ handle, handles } = await renderRoutes(ROUTES));
});

async function render(url: string, headers: Record<string, string> = {}) {
  const response = await handle(new Request(new URL(url, "http://localhost:3000"), { headers: { "Accept-Language": "ja", ...headers } }));
  const html = await response.text();
  const block = new RegExp(`<script type="application/json" id="${TRANSLATIONS_ELEMENT_ID}">(.*?)</script>`, "s").exec(html);
  expect(block, `${url} carries its words`).not.toBeNull();
  return { status: response.status, html, json: block![1]!, translations: JSON.parse(block![1]!) as PageTranslations };
}

/** The lng cookie as the server writes it (remix cookies hold base64 JSON). */
const cookieValue = (lng: string) => encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64"));

const declaredFor = (routeId: string) => routeNamespaces([handles.root, handles[`routes/${routeId}`]]);

describe("a page carries the words of its declared namespaces, and only those", () => {
  it("the home page carries common, lists and cards, home, search, events and matching (its proposals), and none of the organiser workspace", async () => {
    const page = await render("/");
    expect(page.status).toBe(200);
    expect(declaredFor("_index")).toEqual(["common", "listing", "lists", "home", "search", "events", "matching"]);
    expect(Object.keys(page.translations.resources)).toEqual([DEFAULT_LOCALE]);
    expect(Object.keys(page.translations.resources.ja!)).toEqual(declaredFor("_index"));
    for (const ns of declaredFor("_index")) expect(page.translations.resources.ja![ns], ns).toEqual(readNamespace("ja", ns));
    expect(page.translations.resources.ja!.manage).toBeUndefined();
    const workspaceTitle = (readNamespace("ja", "manage").manage as Record<string, Record<string, string>>).workspace!.editProfile!;
    expect(page.html).not.toContain(workspaceTitle);

    // Before namespaces, every page fetched the whole interface (then one file); now it gets a fraction of it.
    const everything = UI_NAMESPACES.reduce((sum, ns) => sum + JSON.stringify(readNamespace("ja", ns)).length, 0);
    expect(page.json.length).toBeLessThan(everything / 4);
  });

  it("a page in a complete locale carries that locale only, and needs no Japanese", async () => {
    const page = await render("/", { "Accept-Language": "en" });
    expect(Object.keys(page.translations.resources)).toEqual(["en"]);
    expect(Object.keys(page.translations.resources.en!)).toEqual(declaredFor("_index"));
    expect(page.translations.partial).toEqual([]);
  });

  it("an unknown address carries only what every page needs", async () => {
    const page = await render("/no-such-page");
    expect(page.status).toBe(404);
    expect(Object.keys(page.translations.resources.ja!)).toEqual(["common"]);
  });

  it("every public page renders with only its declared namespaces, with no key missing", async () => {
    const published = { status: "published", group: { status: "approved" } } as const;
    const [place, event, opening] = await Promise.all([
      prisma.place.findFirstOrThrow({ where: published, select: { id: true } }),
      prisma.event.findFirstOrThrow({ where: published, select: { id: true } }),
      prisma.opening.findFirstOrThrow({ where: published, select: { id: true } }),
    ]);
    const urls: Record<string, string> = {
      "places._index": "/places",
      "places.$id": `/places/${place.id}`,
      "events._index": "/events",
      "events.$id": `/events/${event.id}`,
      "volunteer._index": "/volunteer",
      "volunteer.$id": `/volunteer/${opening.id}`,
      search: "/search?q=サロン",
      privacy: "/privacy",
      login: "/login",
      signup: "/signup",
    };
    for (const [routeId, url] of Object.entries(urls)) {
      for (const lng of SUPPORTED_LOCALES) {
        const page = await render(url, { "Accept-Language": lng === "ja-x-easy" ? "ja" : lng, Cookie: `lng=${cookieValue(lng)}` });
        expect(page.status, url).toBe(200);
        expect(Object.keys(page.translations.resources[lng]!), url).toEqual(declaredFor(routeId));
      }
    }
  }, 120_000);
});

describe("nine languages", () => {
  const nav = (lng: string) => ((readNamespace(lng, "common").nav as Record<string, string>).places)!;

  it("answers a browser asking for Vietnamese first in Vietnamese, with lang on the page", async () => {
    const page = await render("/places", { "Accept-Language": "vi, en;q=0.8" });
    expect(page.html).toMatch(/<html lang="vi"/);
    expect(Object.keys(page.translations.resources)).toEqual(["vi"]);
    expect(page.html).toContain(`>${nav("vi")}</a>`);
  });

  it("reads ?lng=zh-CN as Simplified Chinese and remembers it", async () => {
    const response = await handle(new Request("http://localhost:3000/?lng=zh-CN", { headers: { "Accept-Language": "ja" } }));
    expect(await response.text()).toMatch(/<html lang="zh-Hans"/);
    expect(response.headers.get("Set-Cookie")).toContain(`lng=${cookieValue("zh-Hans")}`);
    // An unknown language in a link neither changes nor pins the visitor's language.
    const unknown = await handle(new Request("http://localhost:3000/?lng=xx", { headers: { "Accept-Language": "ko" } }));
    expect(await unknown.text()).toMatch(/<html lang="ko"/);
    expect(unknown.headers.get("Set-Cookie") ?? "").not.toContain("lng=");
  });

  it("offers every language in its own name and script, as plain links", async () => {
    const page = await render("/places?area=1", { "Accept-Language": "ko" });
    for (const lng of SUPPORTED_LOCALES) {
      if (lng === "ko") expect(page.html).toContain(`<span aria-current="true" lang="ko" class="lang-switcher__current">${LOCALE_NAMES.ko}</span>`);
      else expect(page.html).toContain(`<a href="/places?area=1&amp;lng=${lng}" lang="${lng}" hrefLang="${lng}">${LOCALE_NAMES[lng]}</a>`);
    }
  });

  it("marks an untranslated Japanese original with lang=\"ja\" and says so in the reader's language", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { status: "published", group: { status: "approved" } }, select: { id: true, name: true } });
    expect(await prisma.translation.count({ where: { entityType: "place", entityId: place.id, locale: "ne" } })).toBe(0);
    const page = await render(`/places/${place.id}`, { "Accept-Language": "ne" });
    expect(page.html).toContain(`<h1 lang="ja">${place.name}</h1>`);
    expect(page.html).toContain(`<p class="original-label">${(readNamespace("ne", "common").content as Record<string, string>).original}</p>`);
    const ja = await render(`/places/${place.id}`, { "Accept-Language": "ja" });
    expect(ja.html).not.toContain("original-label");
  });
});
