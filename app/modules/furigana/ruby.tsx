import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createClientI18n, type Dict } from "~/modules/i18n/client-i18n";
import { parseRuby, stripRuby } from "./markup";

/** Markup (｜漢字《かんじ》) as <ruby>; the same on the server and in the browser. */
export function RubyText({ markup }: { markup: string }) {
  return (
    <>
      {parseRuby(markup).map((segment, i) =>
        typeof segment === "string" ? (
          segment
        ) : (
          <ruby key={i}>
            {segment.base}
            <rt>{segment.reading}</rt>
          </ruby>
        ),
      )}
    </>
  );
}

type WithReadings = { readings?: Record<string, string> } | null | undefined;

/** The furigana markup a loader sent for `text` (see withReadings), or undefined. */
export function useReading(text: string): string | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]!.data as WithReadings;
    const readings = data && typeof data === "object" ? data.readings : undefined;
    if (readings && Object.hasOwn(readings, text)) return readings[text];
  }
  return undefined;
}

/** Content text (a name, a summary) with furigana when the page shows them. */
export function Readable({ text }: { text: string }) {
  const markup = useReading(text);
  return markup ? <RubyText markup={markup} /> : <>{text}</>;
}

export type RubyResources = Record<string, Record<string, Dict>>;

const RubyResourcesContext = createContext<RubyResources | null>(null);
/** Given, on both sides, the interface's words with furigana when the page shows them (else null). */
export const RubyResourcesProvider = RubyResourcesContext.Provider;

/**
 * Adds the furigana words of a namespace fetched after a client navigation to the page's ruby words (in place: the
 * ruby translator reads them at each call). Without it, a page reached by a link would show those words plain.
 */
export async function loadRubyNamespace(resources: RubyResources, lng: string, ns: string): Promise<void> {
  if (resources[lng]?.[ns]) return;
  const response = await fetch(`/furigana/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`);
  if (!response.ok) return;
  const words = (await response.json()) as RubyResources;
  for (const [language, namespaces] of Object.entries(words)) {
    resources[language] = { ...resources[language], ...namespaces };
  }
}

const MISSING = "\u0000";
const translators = new WeakMap<RubyResources, Map<string, ReturnType<ReturnType<typeof createClientI18n>["getFixedT"]>>>();

function rubyTranslator(resources: RubyResources, lng: string) {
  let byLanguage = translators.get(resources);
  if (!byLanguage) {
    byLanguage = new Map();
    translators.set(resources, byLanguage);
  }
  let t = byLanguage.get(lng);
  if (!t) {
    t = createClientI18n(resources, lng).getFixedT(lng);
    byLanguage.set(lng, t);
  }
  return t;
}

/**
 * Like `t`, for text people read (headings, links, paragraphs, buttons): with furigana when the page shows them.
 * Attributes (aria-label, placeholder, title, meta) keep plain `t`. Words the ruby version lacks (for the moment
 * between a namespace's plain words and its readings arriving, see loadRubyNamespace) or whose ruby would not read
 * the same as the plain text stay plain.
 */
export function useRubyT() {
  const { t, i18n } = useTranslation();
  const resources = useContext(RubyResourcesContext);
  const rubyT = useMemo(() => (resources ? rubyTranslator(resources, i18n.language) : null), [resources, i18n.language]);
  return useCallback(
    (key: string, options?: Record<string, unknown>): ReactNode => {
      const plain = String(t(key, options as never));
      if (!rubyT) return plain;
      const markup = rubyT(key, { defaultValue: MISSING, ...options });
      if (typeof markup !== "string" || markup === MISSING || stripRuby(markup) !== plain || markup === plain) return plain;
      return <RubyText markup={markup} />;
    },
    [t, rubyT],
  );
}
