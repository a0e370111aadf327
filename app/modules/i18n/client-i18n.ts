// A small translator for the browser, shaped like the part of i18next that react-i18next uses.
//
// Why not i18next itself in the browser: the home page must ship ≤ 100 KB of gzipped JavaScript for old phones,
// and i18next was 14 KB of it. The server still renders with real i18next; this covers what our components ask
// for on hydration and client navigation — nested keys, {{interpolation}}, plurals (_one/_other via
// Intl.PluralRules), defaultValue, returnObjects and the fallback to Japanese — and the tests check that both
// give the same text.

import { DEFAULT_LOCALE, DEFAULT_NAMESPACE, UI_NAMESPACES } from "./config";

export type Dict = { [key: string]: string | string[] | Dict };
type Options = { count?: number; defaultValue?: string; returnObjects?: boolean; context?: string; [key: string]: unknown };
type Listener = (...args: unknown[]) => void;

function lookup(dict: Dict | undefined, key: string): unknown {
  let node: unknown = dict;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Dict)[part];
  }
  return node;
}

function interpolate(text: string, options: Options): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = options[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** The languages a lookup tries, in order: like i18next's resolve hierarchy with `fallbackLng: DEFAULT_LOCALE`. */
function lookupOrder(lng: string): string[] {
  return lng === DEFAULT_LOCALE ? [lng] : [lng, DEFAULT_LOCALE];
}

/**
 * `resources` holds the page's namespaces in its language and, for another language, the Japanese entries it lacks
 * (the server sends exactly those, see fallback.ts), so a missing key shows the same Japanese text as on the server.
 * `partial` names the namespaces in which the page's language lacks words: when one of them is loaded later, its
 * Japanese comes along.
 */
export function createClientI18n(
  resources: Record<string, Record<string, Dict>>,
  language: string,
  { partial = [] as readonly string[], onNamespace }: { partial?: readonly string[]; onNamespace?: (lng: string, ns: string) => Promise<void> } = {},
) {
  const defaultNS = DEFAULT_NAMESPACE;
  const listeners = new Map<string, Set<Listener>>();
  const plural = new Map<string, Intl.PluralRules>();
  // Languages whose namespaces are held in full; the fallback may be there only in part.
  const complete = new Set([language]);
  // null once the language has changed: which namespaces lack words is then unknown, so Japanese always comes along.
  let lacking: Set<string> | null = new Set(partial);
  const loading = new Map<string, Promise<void>>();
  const pluralRules = (lng: string) => {
    let rules = plural.get(lng);
    if (!rules) {
      rules = new Intl.PluralRules(lng === "ja-x-easy" ? "ja" : lng);
      plural.set(lng, rules);
    }
    return rules;
  };

  /** The keys i18next tries within one language, most specific first: context + plural, context, zero, plural, plain. */
  function candidates(lng: string, key: string, options: Options): string[] {
    const counted = typeof options.count === "number";
    const suffix = counted ? `_${pluralRules(lng).select(options.count!)}` : "";
    const zero = counted && options.count === 0;
    const keys = [key];
    if (counted) keys.push(key + suffix, ...(zero ? [`${key}_zero`] : []));
    if (options.context !== undefined && options.context !== "") {
      const withContext = `${key}_${options.context}`;
      keys.push(withContext, ...(counted ? [withContext + suffix, ...(zero ? [`${withContext}_zero`] : [])] : []));
    }
    return keys.reverse();
  }

  /** Like i18next with `fallbackNS`: the asked namespace, then the page's others; each in every language in turn. */
  function namespacesFor(ns: string): string[] {
    const held = new Set(Object.values(resources).flatMap((byNs) => Object.keys(byNs)));
    return [ns, ...UI_NAMESPACES.filter((n) => n !== DEFAULT_NAMESPACE && held.has(n))];
  }

  function resolve(ns: string, key: string, options: Options): { found: unknown; usedKey: string } | null {
    for (const namespace of namespacesFor(ns)) {
      for (const lng of lookupOrder(options.lng as string)) {
        const dict = resources[lng]?.[namespace];
        for (const candidate of candidates(lng, key, options)) {
          const found = lookup(dict, candidate);
          if (found !== undefined && found !== null) return { found, usedKey: candidate };
        }
      }
    }
    return null;
  }

  async function fetchNamespace(lng: string, ns: string) {
    // A namespace that cannot be fetched shows its keys rather than suspending the page for good.
    try {
      const response = await fetch(`/locales/${lng}/${ns}.json`);
      return (response.ok ? await response.json() : {}) as Dict;
    } catch {
      return {} as Dict;
    }
  }

  /** One request per language and namespace, however often rendering asks while it is under way. */
  function ensureNamespace(ns: string): Promise<void> {
    const lng = i18n.language;
    const wanted = [lng, ...(lng !== DEFAULT_LOCALE && (lacking === null || lacking.has(ns)) ? [DEFAULT_LOCALE] : [])];
    const jobs = wanted.map((l) => {
      const id = `${l}|${ns}`;
      let job = loading.get(id);
      if (!job) {
        job = fetchNamespace(l, ns).then((dict) => {
          resources[l] = { ...resources[l], [ns]: dict };
        });
        loading.set(id, job);
      }
      return job;
    });
    // Whatever else the page keeps per namespace (the words with furigana) arrives before the page re-renders.
    const extra = onNamespace ? [onNamespace(lng, ns).catch(() => undefined)] : [];
    return Promise.all([...jobs, ...extra]).then(() => undefined);
  }

  function translate(lng: string, ns: string, key: string, options: Options = {}): unknown {
    const [namespace, plainKey] = key.includes(":") ? (key.split(":", 2) as [string, string]) : [ns, key];
    const resolved = resolve(namespace, plainKey, { ...options, lng });
    if (!resolved) return interpolate(options.defaultValue ?? plainKey, options);
    const { found, usedKey } = resolved;
    if (typeof found === "string") return interpolate(found, options);
    if (!options.returnObjects) return `key '${plainKey} (${i18n.language})' returned an object instead of string.`;
    // Like i18next: each entry of a list or object is looked up on its own, so it too can fall back.
    const base = Array.isArray(found) ? usedKey : plainKey;
    const entries = Object.entries(found as Dict).map(([k, v]) => {
      const deepKey = `${base}.${k}`;
      const text = translate(lng, namespace, deepKey, options);
      return [k, text === deepKey ? v : text] as const;
    });
    return Array.isArray(found) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  }

  const i18n = {
    language,
    languages: [language],
    isInitialized: true,
    initializedStoreOnce: true,
    options: { defaultNS, fallbackLng: DEFAULT_LOCALE, react: { useSuspense: false }, ns: Object.keys(resources[language] ?? {}) },
    services: { backendConnector: { backend: null, state: {} }, resourceStore: { data: resources } },
    reportNamespaces: { usedNamespaces: {} as Record<string, boolean>, addUsedNamespaces(ns: string[]) { for (const n of ns) this.usedNamespaces[n] = true; }, getUsedNamespaces() { return Object.keys(this.usedNamespaces); } },
    store: { on() {}, off() {}, data: resources },
    getFixedT(lng: string | null, ns?: string | string[] | null) {
      const namespace = (Array.isArray(ns) ? ns[0] : ns) ?? defaultNS;
      const use = lng ?? i18n.language;
      const t = (key: string | string[], options?: Options | string) => {
        const opts = typeof options === "string" ? { defaultValue: options } : (options ?? {});
        const first = Array.isArray(key) ? key[0]! : key;
        return translate(use, namespace, first, opts);
      };
      return Object.assign(t, { lng: use, ns: namespace });
    },
    t(key: string, options?: Options) {
      return translate(i18n.language, defaultNS, key, options);
    },
    exists(key: string) {
      return resolve(defaultNS, key, { lng: i18n.language }) !== null;
    },
    hasLoadedNamespace(ns: string) {
      return Boolean(resources[i18n.language]?.[ns]);
    },
    getResourceBundle(lng: string, ns: string) {
      return resources[lng]?.[ns];
    },
    /** Fetches the namespaces a route needs after a client navigation (see useRouteNamespaces). */
    loadNamespaces(ns: string | readonly string[], callback?: () => void) {
      const wanted = (typeof ns === "string" ? [ns] : [...ns]).filter((n) => !i18n.hasLoadedNamespace(n));
      return Promise.all(wanted.map(ensureNamespace)).then(() => {
        callback?.();
      });
    },
    loadLanguages(_lngs: unknown, callback?: () => void) {
      callback?.();
      return Promise.resolve();
    },
    dir() {
      return "ltr" as const;
    },
    async changeLanguage(lng: string) {
      if (lng === i18n.language) return i18n.getFixedT(lng);
      // Another language needs its words: fetch the page's namespaces in it (and, for a language that may lack some,
      // in Japanese), then tell the components to re-render.
      const held = Object.keys(resources[i18n.language] ?? { [defaultNS]: {} });
      const needed = [lng, ...(lng !== DEFAULT_LOCALE && !complete.has(DEFAULT_LOCALE) ? [DEFAULT_LOCALE] : [])].filter((l) => !complete.has(l));
      for (const l of needed) {
        const entries = await Promise.all(held.map(async (ns) => [ns, await fetchNamespace(l, ns)] as const));
        resources[l] = Object.fromEntries(entries);
        complete.add(l);
      }
      lacking = null;
      loading.clear();
      i18n.language = lng;
      i18n.languages = [lng];
      for (const listener of listeners.get("languageChanged") ?? []) listener(lng);
      return i18n.getFixedT(lng);
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
  };
  return i18n;
}
