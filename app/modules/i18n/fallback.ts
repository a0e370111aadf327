import type { Dict } from "./client-i18n";
import { DEFAULT_LOCALE } from "./config";

// What the browser needs of the fallback language (Japanese) for a page in another language: the Japanese
// entries i18next would reach because the page's locale lacks them. A complete locale needs none, so the
// browser gets the Japanese file only when it shows Japanese.

export type Resources = Record<string, Dict>;

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf paths of a dictionary; lists count as one entry (they are read whole, with returnObjects). */
function leaves(dict: Dict, prefix = ""): string[] {
  return Object.entries(dict).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? leaves(v as Dict, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function get(dict: unknown, path: string): unknown {
  let node = dict;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Dict)[part];
  }
  return node;
}

const present = (dict: unknown, path: string) => {
  const value = get(dict, path);
  return value !== undefined && value !== null;
};

function set(dict: Dict, path: string, value: unknown) {
  const parts = path.split(".");
  const last = parts.pop()!;
  let node = dict;
  for (const part of parts) node = (node[part] ??= {}) as Dict;
  node[last] = value as Dict[string];
}

/**
 * The entries of `fallback` (the default locale's namespaces) that a lookup in `lng` can fall through to. Keys are
 * taken in groups (a key with its plural forms): a group goes along whole when `lng` lacks one of its entries, or
 * when it is plural and `lng` has neither the plain key nor every plural form its own rules ask for.
 */
export function fallbackResources(fallback: Resources, target: Resources, lng: string): Resources {
  if (lng === DEFAULT_LOCALE) return {};
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const out: Resources = {};
  for (const [ns, dict] of Object.entries(fallback)) {
    const own = target[ns];
    const groups = new Map<string, string[]>();
    for (const leaf of leaves(dict)) {
      const base = leaf.replace(PLURAL, "");
      groups.set(base, [...(groups.get(base) ?? []), leaf]);
    }
    const missing: Dict = {};
    for (const [base, group] of groups) {
      const plural = group.some((leaf) => leaf !== base);
      const covered =
        group.every((leaf) => present(own, leaf)) && (!plural || present(own, base) || categories.every((c) => present(own, `${base}_${c}`)));
      if (!covered) for (const leaf of group) set(missing, leaf, get(dict, leaf));
    }
    if (Object.keys(missing).length) out[ns] = missing;
  }
  return out;
}
