import fs from "node:fs";
import path from "node:path";
import i18next, { createInstance } from "i18next";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClientI18n } from "./client-i18n";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, UI_NAMESPACES } from "./config";
import { fallbackFor, i18nConfig, pageTranslationsJson } from "./i18next.server";
import { fallbackResources } from "./fallback";
import { TRANSLATIONS_ELEMENT_ID, readPageTranslations } from "./page-translations";

// The browser's small translator must give exactly what i18next gives on the server, or hydration breaks.
type Dict = { [key: string]: string | string[] | Dict };
const load = (lng: string, ns: string): Dict => JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, `${ns}.json`), "utf8"));
const resources = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, Object.fromEntries(UI_NAMESPACES.map((ns) => [ns, load(l, ns)]))]));

/** Every namespace of a locale in one tree, as code asks for keys (each key lives in exactly one namespace). */
function merged(byNs: Record<string, Dict>): Dict {
  const into: Dict = {};
  const merge = (to: Dict, from: Dict) => {
    for (const [k, v] of Object.entries(from)) {
      if (to[k] && typeof to[k] === "object" && !Array.isArray(to[k]) && typeof v === "object" && !Array.isArray(v)) merge(to[k] as Dict, v);
      else to[k] = structuredClone(v);
    }
  };
  for (const dict of Object.values(byNs)) merge(into, dict);
  return into;
}

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const vars = { name: "花子", q: "サロン", min: 8, page: 2, pages: 5, group: "会", date: "12月1日", year: 2026, hours: 3, title: "T", amount: "1,000", age: 15, days: "月", nths: "第2", day: "水", dates: "1日", d: 1, council: "社協", site: "x", month: "12月", version: "v", slots: 5, what: "x" };
const bases = (dict: Dict) => [...new Set(keys(dict).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))];
const isList = (dict: Dict, key: string) => Array.isArray(key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], dict));

type T = (key: string, options?: Record<string, unknown>) => unknown;

/** Every key of both dictionaries, with no count and counts 0, 1 and 5, with all variables and with none. */
async function expectSameText(client: T, server: T, dict: Dict, label: string) {
  let done = 0;
  for (const key of bases(dict).filter((k) => !isList(dict, k))) {
    // Nine locales of every key is long work: let the test runner's worker answer its runner now and then.
    if (++done % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    // 1,000,000 is Portuguese "many".
    for (const count of [undefined, 0, 1, 5, 1_000_000]) {
      for (const values of [vars, {}]) {
        const options = count === undefined ? values : { ...values, count };
        expect(client(key, options), `${label} ${key} count=${count} vars=${Object.keys(values).length}`).toEqual(server(key, options));
      }
    }
  }
}

beforeAll(async () => {
  await i18next.init({ ...i18nConfig, lng: "ja", resources });
});

describe("client translator matches i18next", () => {
  for (const lng of SUPPORTED_LOCALES) {
    it(`gives the same text for every key in ${lng}, with and without counts`, async () => {
      const client = createClientI18n({ [lng]: structuredClone(resources[lng]!), ...(lng === DEFAULT_LOCALE ? {} : { [DEFAULT_LOCALE]: fallbackResources(resources[DEFAULT_LOCALE]!, resources[lng]!, lng) }) }, lng);
      const server = i18next.getFixedT(lng, "common");
      const t = client.getFixedT(lng, "common");
      // Asked through "common", as components do: keys of the other namespaces resolve through fallbackNS.
      await expectSameText(t, server, merged(resources[lng]!), lng);
      for (const ns of UI_NAMESPACES) await expectSameText(client.getFixedT(lng, ns), i18next.getFixedT(lng, ns), resources[lng]![ns]!, `${lng} ${ns}`);
      expect(t("privacy.purposes.body", { returnObjects: true, council: "社協" })).toEqual(server("privacy.purposes.body", { returnObjects: true, council: "社協" }));
      expect(t("language.xx", { defaultValue: "xx" })).toBe(server("language.xx", { defaultValue: "xx" }));
      expect(t("common:language.xx")).toBe(server("common:language.xx"));
    }, 120_000);
  }

  it("needs no Japanese in the browser when the page's locale is complete", () => {
    for (const lng of SUPPORTED_LOCALES) {
      expect(fallbackResources(resources[DEFAULT_LOCALE]!, resources[lng]!, lng), lng).toEqual({});
      // What the root loader writes into every page.
      expect(fallbackFor(lng), lng).toEqual({});
    }
  });

  it("carries the page's words and fallback through the page intact, even a text that looks like a closing script tag", () => {
    const entries = { resources: { en: { common: { site: { tagline: "x" } } }, ja: { common: { site: { name: "</script><script>alert(1)</script>\u2028" } } } }, partial: ["common"] };
    const json = pageTranslationsJson(entries);
    expect(json).not.toContain("<");
    const doc = { getElementById: (id: string) => (id === TRANSLATIONS_ELEMENT_ID ? { textContent: json } : null) } as unknown as Document;
    expect(readPageTranslations(doc)).toEqual({ json, translations: entries });
    expect(readPageTranslations({ getElementById: () => null } as unknown as Document).translations).toEqual({ resources: {}, partial: [] });
  });

  describe("a partly translated locale falls back to Japanese, as on the server", () => {
    // English with holes: a plain key, an interpolated key, one plural form, a whole section and one item of a list.
    const ja = merged(resources.ja!) as Record<string, Dict>;
    const pluralBase = keys(ja).find((k) => k.endsWith("_other"))!.replace(/_other$/, "");
    const drop = (byNs: Record<string, Dict>, key: string) => {
      const parts = key.split(".");
      const last = parts.pop()!;
      const owner = UI_NAMESPACES.find((ns) => key.split(".").reduce<unknown>((o, p) => (o as Dict)?.[p], byNs[ns]) !== undefined)!;
      delete (parts.reduce<Dict>((o, k) => o[k] as Dict, byNs[owner]!) as Dict)[last];
    };
    const interpolated = keys(ja).find((k) => /\{\{name\}\}/.test(String(k.split(".").reduce<unknown>((o, p) => (o as Dict)?.[p], ja))))!;
    const removed = ["site.name", interpolated, `${pluralBase}_one`, "errors.password"];
    const partial = structuredClone(resources.en!) as Record<string, Dict>;
    for (const key of removed) drop(partial, key);
    const full = { ja: resources.ja!, en: partial };

    it("renders the Japanese text for exactly the missing keys, with interpolation and plurals", async () => {
      const server = createInstance();
      await server.init({ ...i18nConfig, lng: "en", resources: full });
      const fallback = fallbackResources(full.ja, partial, "en");
      const client = createClientI18n({ en: structuredClone(partial), ja: fallback }, "en");
      expect(client.t("site.name")).toBe(ja.site!.name);
      expect(server.t("site.name")).toBe(ja.site!.name);
      await expectSameText(client.getFixedT("en", "common"), server.getFixedT("en", "common"), ja as Dict, "en (partial)");
      expect(client.t("errors.password", { returnObjects: true })).toEqual(server.t("errors.password", { returnObjects: true }));
    }, 120_000);

    it("sends only the groups of keys that are missing, not the whole Japanese file", () => {
      const fallback = fallbackResources(full.ja, partial, "en");
      const sent = Object.values(fallback).flatMap((dict) => keys(dict)).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""));
      expect([...new Set(sent)].sort()).toEqual(
        [...new Set(["site.name", interpolated, pluralBase, ...keys(ja.errors!.password as Dict).map((k) => `errors.password.${k}`)])].sort(),
      );
    });
  });
});

describe("namespaces loaded after a client navigation", () => {
  const fetched: string[] = [];
  const serve = (files: Record<string, Dict>) =>
    vi.stubGlobal("fetch", async (url: string) => {
      fetched.push(url);
      const dict = files[url];
      return { ok: Boolean(dict), json: async () => structuredClone(dict) } as Response;
    });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetched.length = 0;
  });

  it("fetches a route's namespace once, then gives the server's text", async () => {
    serve({ "/locales/en/manage.json": resources.en!.manage! });
    const client = createClientI18n({ en: { common: structuredClone(resources.en!.common!) } }, "en");
    expect(client.hasLoadedNamespace("manage")).toBe(false);
    await Promise.all([client.loadNamespaces(["common", "manage"]), client.loadNamespaces("manage")]);
    expect(fetched).toEqual(["/locales/en/manage.json"]);
    expect(client.hasLoadedNamespace("manage")).toBe(true);
    await expectSameText(client.getFixedT("en", "common"), i18next.getFixedT("en", "common"), resources.en!.manage!, "en manage (loaded later)");
  });

  it("brings the namespace's Japanese along when the page's language lacks words in it", async () => {
    const en = structuredClone(resources.en!.places!) as Record<string, Dict>;
    delete en.places!.title;
    serve({ "/locales/en/places.json": en, "/locales/ja/places.json": resources.ja!.places! });
    const client = createClientI18n({ en: { common: structuredClone(resources.en!.common!) } }, "en", { partial: ["places"] });
    await client.loadNamespaces(["places"]);
    expect(fetched.sort()).toEqual(["/locales/en/places.json", "/locales/ja/places.json"]);
    expect(client.t("places.title")).toBe((resources.ja!.places!.places as Dict).title);
    expect(client.t("places.lead")).toBe((resources.en!.places!.places as Dict).lead);
  });
});
