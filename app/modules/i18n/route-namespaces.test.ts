import fs from "node:fs";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_NAMESPACE, UI_NAMESPACES, isNamespace } from "./config";
import { readNamespace } from "./i18next.server";

// A page gets only the namespaces its routes declare in `handle.i18n`, so a key from any other namespace would
// show raw. This reads each route and what it renders the way the bundler does: the route file, the modules it
// imports (components, domain modules, schemas with their error keys) and, one step deep, the .server modules it
// calls (their commands return error keys the page translates). Every dotted string that is a key, and every
// `prefix.${…}` template over keys, counts as a use.

const APP = path.resolve("app");
const PLURAL = /_(zero|one|two|few|many|other)$/;
type Dict = { [key: string]: unknown };

/** Key (without plural suffix) → its namespace; section (a key's prefix) → the namespaces holding keys under it. */
const keyNamespace = new Map<string, string>();
const sectionNamespaces = new Map<string, Set<string>>();
for (const ns of UI_NAMESPACES) {
  const walk = (dict: Dict, prefix: string) => {
    for (const [k, v] of Object.entries(dict)) {
      const key = `${prefix}${k}`;
      if (v && typeof v === "object" && !Array.isArray(v)) {
        if (!sectionNamespaces.has(key)) sectionNamespaces.set(key, new Set());
        sectionNamespaces.get(key)!.add(ns);
        walk(v as Dict, `${key}.`);
      } else keyNamespace.set(key.replace(PLURAL, ""), ns);
    }
  };
  walk(readNamespace("ja", ns), "");
}

type Use = { key: string; namespaces: string[] };

/** Comments name keys as examples; only code counts. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

function usesIn(code: string): Use[] {
  const source = withoutComments(code);
  const uses: Use[] = [];
  for (const m of source.matchAll(/(["'`])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) {
    const key = m[2]!;
    const ns = keyNamespace.get(key);
    if (ns) uses.push({ key, namespaces: [ns] });
    else if (sectionNamespaces.has(key)) uses.push({ key, namespaces: [...sectionNamespaces.get(key)!] });
  }
  for (const m of source.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*)\.\$\{/g)) {
    const section = sectionNamespaces.get(m[1]!);
    if (section) uses.push({ key: `${m[1]}.\${…}`, namespaces: [...section] });
  }
  return uses;
}

const isServerModule = (file: string) => /\.server\.tsx?$/.test(file);

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? path.join(APP, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  // Static imports, and lazy ones (`import("~/…")`, React.lazy): a module loaded on demand renders on the same page.
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm),
    ...withoutComments(source).matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specs
    .map((m) => resolveImport(file, m[1]!))
    .filter((f): f is string => f !== null && /\.tsx?$/.test(f));
}

/** The files whose keys a route's page may show. */
function renderedFiles(routeFile: string): string[] {
  const seen = new Set<string>([routeFile]);
  const queue = importsOf(routeFile);
  for (const file of queue.filter(isServerModule)) seen.add(file);
  const stack = queue.filter((f) => !isServerModule(f));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...importsOf(file).filter((f) => !isServerModule(f)));
  }
  return [...seen];
}

function needs(routeFile: string): Map<string, string[]> {
  const byNamespace = new Map<string, string[]>();
  for (const file of renderedFiles(routeFile)) {
    for (const use of usesIn(fs.readFileSync(file, "utf8"))) {
      for (const ns of use.namespaces) byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), `${use.key} (${path.relative(APP, file)})`]);
    }
  }
  return byNamespace;
}

function declared(routeFile: string): string[] {
  const source = fs.readFileSync(routeFile, "utf8");
  const handle = /export const handle\b[^=]*=\s*\{[^}]*?\bi18n:\s*\[([^\]]*)\]/s.exec(source);
  return handle ? [...handle[1]!.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!) : [];
}

const manifest = flatRoutes(APP, ["**/.*", "**/*.test.{ts,tsx}"]);
const routes = Object.values(manifest);
const fileOf = (id: string) => path.join(APP, id === "root" ? "root.tsx" : manifest[id]!.file);
const chain = (id: string): string[] => {
  const parent = manifest[id]?.parentId;
  return parent ? [...chain(parent), id] : [id];
};
const isPage = (file: string) => /^export default function/m.test(fs.readFileSync(file, "utf8"));
const pages = [{ id: "root" }, ...routes.filter((r) => isPage(fileOf(r.id)))];

describe("each route declares the namespaces of the keys it shows", () => {
  it("finds the keys a page uses (the scan is not blind)", () => {
    const all = new Set(pages.flatMap((r) => [...needs(fileOf(r.id)).keys()]));
    // "system" may go unused; "matching" (the reasons' words) is shown by /match and the home page, built on their own branch.
    const mayBeUnused = new Set(["system", "matching"]);
    expect([...all].sort()).toEqual(UI_NAMESPACES.filter((ns) => !mayBeUnused.has(ns) || all.has(ns)).sort());
    expect(needs(fileOf("routes/_index")).get("home")?.length).toBeGreaterThan(5);
  });

  it("declares only namespaces that exist, and root declares the one every page needs", () => {
    for (const route of routes) expect(declared(fileOf(route.id)).filter((ns) => !isNamespace(ns)), route.id).toEqual([]);
    expect(declared(fileOf("root"))).toEqual([DEFAULT_NAMESPACE]);
  });

  for (const route of pages) {
    it(`${route.id} declares every namespace it uses, and no other`, () => {
      const own = new Set(chain(route.id).flatMap((id) => declared(fileOf(id))));
      const used = needs(fileOf(route.id));
      const undeclared = [...used].filter(([ns]) => !own.has(ns)).map(([ns, keys]) => `${ns}: ${[...new Set(keys)].slice(0, 5).join(", ")}`);
      if (process.env.PRINT_NEEDS) console.log(route.id, JSON.stringify(UI_NAMESPACES.filter((ns) => used.has(ns) && !(route.id !== "root" && ns === DEFAULT_NAMESPACE))));
      expect(undeclared, `add to ${path.relative(APP, fileOf(route.id))}'s handle.i18n`).toEqual([]);
      // Root's namespaces are every page's; a route declaring a namespace none of its keys need sends words for nothing.
      const inherited = new Set(chain(route.id).slice(0, -1).flatMap((id) => declared(fileOf(id))));
      expect(declared(fileOf(route.id)).filter((ns) => !used.has(ns) || inherited.has(ns)), "declared but unused").toEqual([]);
    });
  }
});
