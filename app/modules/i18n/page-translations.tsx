import { createContext, useContext } from "react";
import { useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UI_NAMESPACES, isNamespace, type Namespace } from "./config";
import type { Resources } from "./fallback";

// What a page carries of the interface's words: the namespaces its routes declare (`export const handle = { i18n:
// [...] }`, the remix-i18next convention), in its language, plus the Japanese entries that language lacks. The
// server writes them into the page as a JSON data block; the browser reads them before hydrating, so hydration
// waits for no request and renders exactly the server's text.

export type PageTranslations = {
  /** Language → namespace → words. The fallback language holds only what the page's language lacks. */
  resources: Record<string, Resources>;
  /** Namespaces (of all) in which the page's language lacks words: loading one later also needs its Japanese. */
  partial: string[];
  /** The same words with furigana (｜漢字《かんじ》), when the page shows them (Japanese pages, reader's choice). */
  ruby?: Record<string, Resources>;
};

export const TRANSLATIONS_ELEMENT_ID = "i18n-resources";

/** The namespaces a page needs, from the `handle` of each matched route, in a fixed order. */
export function routeNamespaces(handles: unknown[]): Namespace[] {
  const declared = new Set<string>();
  for (const handle of handles) {
    const i18n = handle && typeof handle === "object" ? (handle as { i18n?: unknown }).i18n : undefined;
    for (const ns of typeof i18n === "string" ? [i18n] : Array.isArray(i18n) ? i18n : []) declared.add(ns);
  }
  return UI_NAMESPACES.filter((ns) => declared.has(ns) && isNamespace(ns));
}

export function readPageTranslations(doc: Document): { json: string; translations: PageTranslations } {
  const json = doc.getElementById(TRANSLATIONS_ELEMENT_ID)?.textContent ?? "";
  return { json, translations: json ? (JSON.parse(json) as PageTranslations) : { resources: {}, partial: [] } };
}

const PageTranslationsJson = createContext("");
export const PageTranslationsProvider = PageTranslationsJson.Provider;

/** The data block, rendered by root's Layout: the server's JSON, and on hydration the very same string back. */
export function PageTranslationsScript() {
  const json = useContext(PageTranslationsJson);
  if (!json) return null;
  return <script type="application/json" id={TRANSLATIONS_ELEMENT_ID} dangerouslySetInnerHTML={{ __html: json }} />;
}

/**
 * Makes sure the words of every matched route are there before the page renders. After a client navigation to a
 * route that needs a namespace not yet loaded, rendering suspends while the browser fetches it; Remix navigates
 * in a transition, so the previous page stays on screen meanwhile instead of flashing raw keys.
 */
export function useRouteNamespaces() {
  const matches = useMatches();
  const { i18n } = useTranslation();
  const missing = routeNamespaces(matches.map((m) => m.handle)).filter((ns) => !i18n.hasLoadedNamespace(ns));
  if (missing.length > 0) throw i18n.loadNamespaces(missing);
}
