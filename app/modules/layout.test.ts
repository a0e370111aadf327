import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The module floors of ADR 012, checked on the code itself: features use domains, domains use shared layers, and a
// shared layer never reaches up into a domain or a feature. Between domains only the real dependencies are allowed.

// translation (organisers' and volunteers' translating, credited hours) and outreach (flyers, printed lists) are
// features too; the reading side of content translation (localize, the translatable fields) is i18n's, below.
// jobs composes the periodic work of every domain (reminders, digests, freshness), so it sits on the top floor.
const FEATURES = ["discovery", "dashboard", "opendata", "matching", "moderation", "staff", "jobs", "translation", "outreach"];
const DOMAINS = ["places", "events", "volunteering", "groups", "participation"];
/** Which domains each domain may use (events and openings happen at places and have participants). */
const DOMAIN_USES: Record<string, string[]> = {
  places: [],
  groups: [],
  participation: [],
  events: ["places", "participation"],
  volunteering: ["places", "participation"],
};

const root = path.resolve(import.meta.dirname);
const floorOf = (folder: string) => (FEATURES.includes(folder) ? 2 : DOMAINS.includes(folder) ? 1 : 0);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function importedModules(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const folders: string[] = [];
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    const spec = m[1]!;
    if (spec.startsWith("~/modules/")) folders.push(spec.split("/")[2]!);
    else if (spec.startsWith("~/routes/")) folders.push("routes");
  }
  return folders;
}

describe("module layout (ADR 012)", () => {
  const edges = sourceFiles(root).flatMap((file) => {
    const from = path.relative(root, file).split(path.sep)[0]!;
    return importedModules(file)
      .filter((to) => to !== from)
      .map((to) => ({ file: path.relative(root, file), from, to }));
  });

  it("reads the modules' imports (the check is not empty)", () => {
    expect(edges.length).toBeGreaterThan(50);
  });

  it("no module imports a route", () => {
    expect(edges.filter((e) => e.to === "routes").map((e) => e.file)).toEqual([]);
  });

  it("no shared layer imports a domain or a feature, and no domain imports a feature", () => {
    const upward = edges.filter((e) => floorOf(e.to) > floorOf(e.from)).map((e) => `${e.file} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("domains use only the domains they depend on", () => {
    const across = edges
      .filter((e) => DOMAINS.includes(e.from) && DOMAINS.includes(e.to) && !DOMAIN_USES[e.from]!.includes(e.to))
      .map((e) => `${e.file} → ${e.to}`);
    expect(across).toEqual([]);
  });
});
