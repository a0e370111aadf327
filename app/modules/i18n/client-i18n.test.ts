import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { createClientI18n } from "./client-i18n";
import { SUPPORTED_LOCALES, i18nConfig } from "./config";

// The browser's small translator must give exactly what i18next gives on the server, or hydration breaks.
const load = (lng: string) => JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, "common.json"), "utf8"));
const resources = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, { common: load(l) }]));

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

beforeAll(async () => {
  await i18next.init({ ...i18nConfig, lng: "ja", resources });
});

describe("client translator matches i18next", () => {
  for (const lng of SUPPORTED_LOCALES) {
    it(`gives the same text for every key in ${lng}, with and without counts`, () => {
      const client = createClientI18n(structuredClone(resources), lng);
      const server = i18next.getFixedT(lng, "common");
      const t = client.getFixedT(lng, "common");
      const vars = { name: "花子", q: "サロン", min: 8, page: 2, pages: 5, group: "会", date: "12月1日", year: 2026, hours: 3, title: "T", amount: "1,000", age: 15, days: "月", nths: "第2", day: "水", dates: "1日", d: 1, council: "社協", site: "x", month: "12月", version: "v", slots: 5, what: "x" };
      const bases = [...new Set(keys(resources[lng]!.common).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))];
      const isList = (key: string) => Array.isArray(key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], resources[lng]!.common));
      // Lists are only ever read with returnObjects (checked below).
      for (const key of bases.filter((k) => !isList(k))) {
        for (const count of [undefined, 1, 5]) {
          const options = count === undefined ? vars : { ...vars, count };
          expect(t(key, options), `${lng} ${key} count=${count}`).toEqual(server(key, options));
        }
      }
      expect(t("privacy.purposes.body", { returnObjects: true, council: "社協" })).toEqual(server("privacy.purposes.body", { returnObjects: true, council: "社協" }));
      expect(t("language.xx", { defaultValue: "xx" })).toBe(server("language.xx", { defaultValue: "xx" }));
    });
  }
});
