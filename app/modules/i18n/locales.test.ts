import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES, UI_NAMESPACES } from "./config";
import { EMAIL_NAMESPACE, NAMESPACES } from "./i18next.server";

const LOCALES_DIR = path.resolve("public/locales");
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function keysOf(locale: string, ns: string): Set<string> {
  const file = path.join(LOCALES_DIR, locale, `${ns}.json`);
  return new Set(flatten(JSON.parse(fs.readFileSync(file, "utf8"))).map((k) => k.replace(PLURAL, "")));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return /\.(tsx?|mjs)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("translations", () => {
  it("has a folder for every supported locale and nothing else", () => {
    const dirs = fs.readdirSync(LOCALES_DIR).filter((d) => fs.statSync(path.join(LOCALES_DIR, d)).isDirectory());
    expect(dirs.sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  for (const ns of NAMESPACES) {
    it(`every key of "${ns}" exists in every locale`, () => {
      const keys = new Map(SUPPORTED_LOCALES.map((l) => [l, keysOf(l, ns)]));
      const all = new Set([...keys.values()].flatMap((k) => [...k]));
      for (const locale of SUPPORTED_LOCALES) {
        const own = keys.get(locale)!;
        const missing = [...all].filter((k) => !own.has(k));
        expect(missing, `${locale} is missing keys`).toEqual([]);
      }
    });
  }

  it("has a file for every namespace in every locale and no file that is not a namespace", () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(fs.readdirSync(path.join(LOCALES_DIR, locale)).sort(), locale).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  it("puts each interface key in exactly one namespace, so `t(key)` never depends on which file is searched first", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const owners = new Map<string, string[]>();
      for (const ns of UI_NAMESPACES) for (const key of keysOf(locale, ns)) owners.set(key, [...(owners.get(key) ?? []), ns]);
      expect([...owners].filter(([, nss]) => nss.length > 1), locale).toEqual([]);
      // A key that is also a section elsewhere (a string in one file, an object in another) would be just as ambiguous.
      const prefixes = (key: string) => key.split(".").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("."));
      const sections = new Set([...owners.keys()].flatMap(prefixes));
      expect([...owners.keys()].filter((k) => sections.has(k)), locale).toEqual([]);
    }
  });

  it("English plural keys have both _one and _other", () => {
    const flat = NAMESPACES.flatMap((ns) => flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, "en", `${ns}.json`), "utf8"))));
    const plurals = new Set(flat.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
    for (const base of plurals) {
      expect(flat, base).toContain(`${base}_one`);
      expect(flat, base).toContain(`${base}_other`);
    }
  });

  // i18next picks key_<category> by Intl.PluralRules of the page's language: a language with a category English
  // lacks (Portuguese "many") or that lacks one (Vietnamese has no "one") needs its own set, or a count shows the
  // Japanese fallback.
  it("every plural key has every plural category of each language", () => {
    const entries = (locale: string) => NAMESPACES.flatMap((ns) => flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, `${ns}.json`), "utf8"))));
    const bases = new Set(entries("en").filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
    expect(bases.size).toBeGreaterThan(20);
    for (const locale of SUPPORTED_LOCALES) {
      const own = new Set(entries(locale));
      const categories = new Intl.PluralRules(locale === "ja-x-easy" ? "ja" : locale).resolvedOptions().pluralCategories;
      const missing = [...bases].flatMap((base) => categories.map((c) => `${base}_${c}`)).filter((k) => !own.has(k));
      expect(missing, locale).toEqual([]);
    }
  });

  it("keeps every {{placeholder}} of a text in every language, so no name, date or link silently disappears", () => {
    const values = (locale: string, ns: string) => {
      const out = new Map<string, string>();
      const walk = (obj: Record<string, unknown>, prefix: string) => {
        for (const [k, v] of Object.entries(obj)) {
          if (v && typeof v === "object" && !Array.isArray(v)) walk(v as Record<string, unknown>, `${prefix}${k}.`);
          else out.set(`${prefix}${k}`.replace(PLURAL, ""), Array.isArray(v) ? v.join("\n") : String(v));
        }
      };
      walk(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, `${ns}.json`), "utf8")), "");
      return out;
    };
    const names = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).filter((n) => n !== "count"))].sort();
    for (const ns of NAMESPACES) {
      const en = values("en", ns);
      for (const locale of SUPPORTED_LOCALES) {
        const differ = [...values(locale, ns)].filter(([key, text]) => en.has(key) && names(text).join() !== names(en.get(key)!).join()).map(([key]) => key);
        expect(differ, `${locale}/${ns}`).toEqual([]);
      }
    }
  });

  it("every literal key the code asks for exists in Japanese", () => {
    // Email templates translate with the "email" namespace; everything else with the interface's namespaces.
    const emailDir = path.resolve("app/modules/email");
    const used = { ui: new Set<string>(), email: new Set<string>() };
    for (const file of sourceFiles(path.resolve("app"))) {
      const text = fs.readFileSync(file, "utf8");
      const ns = file.startsWith(emailDir) ? "email" : "ui";
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.-]*)"/g)) used[ns].add(m[1]!);
    }
    expect(used.ui.size).toBeGreaterThan(50);
    const ja = { ui: new Set(UI_NAMESPACES.flatMap((ns) => [...keysOf("ja", ns)])), email: keysOf("ja", EMAIL_NAMESPACE) };
    for (const ns of ["ui", "email"] as const) {
      expect([...used[ns]].filter((k) => !ja[ns].has(k)), ns).toEqual([]);
    }
  });
});
