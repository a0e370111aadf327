import { prisma } from "~/utils/db.server";
import { tokensOf, type Token } from "~/modules/search/reading.server";
import type { Dict } from "~/modules/i18n/client-i18n";
import { alignReading, canCarryRuby, hasKanji, katakanaToHiragana, rubyMarkup } from "./markup";
import { furiganaWanted } from "./display.server";

// Readings for furigana, on the server only: the dictionary (kuromoji, in the reading service or this process, see
// search/reading.server.ts) after the council's corrections (ReadingCorrection: the names dictionaries get wrong),
// longest surface first. Each text's markup is kept in a bounded cache; a change to the corrections empties it.
// Markup is made in two steps: the parts of the texts not yet kept that the dictionary must read are sent to it in
// one request, then every text is marked up from those tokens.

export type Correction = { surface: string; reading: string };

const MAX_CACHED = 5_000;
const cache = new Map<string, string>();
const resourceCache = new Map<string, Dict>();
let correctionsVersion = "";
const stats = { hits: 0, misses: 0 };

/** How the cache has been used (tests check that a text is read once). */
export function rubyCacheStats() {
  return { ...stats, size: cache.size };
}

export function dropReadingCache() {
  cache.clear();
  resourceCache.clear();
}

type Matcher = { corrections: Correction[]; pattern: RegExp | null };

/** The corrections, read once per use (a small table); when they differ from the cached ones, the cache is emptied. */
export async function loadCorrections(): Promise<Matcher> {
  const rows = await prisma.readingCorrection.findMany({ select: { surface: true, reading: true }, orderBy: { surface: "asc" } });
  return matcherFor(rows);
}

function matcherFor(rows: Correction[]): Matcher {
  const corrections = [...rows].sort((a, b) => b.surface.length - a.surface.length || a.surface.localeCompare(b.surface));
  const version = JSON.stringify(corrections);
  if (version !== correctionsVersion) {
    dropReadingCache();
    correctionsVersion = version;
  }
  // An alternation tries its branches in order, so listing the longest first makes 脚折町 win over 脚折.
  const escaped = corrections.map((c) => c.surface.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return { corrections, pattern: escaped.length > 0 ? new RegExp(escaped.join("|"), "gu") : null };
}

/** The dictionary's tokens of the parts of texts it reads, by part. */
type Tokens = Map<string, readonly Token[]>;

function dictionaryMarkup(text: string, tokens: Tokens): string {
  if (!hasKanji(text)) return text;
  const read = tokens.get(text);
  if (!read) return text;
  return read
    .map(([surface, kana]) => {
      const reading = kana ? katakanaToHiragana(kana) : "";
      if (!hasKanji(surface) || !reading) return surface;
      return alignReading(surface, reading) ?? rubyMarkup(surface, reading);
    })
    .join("");
}

/** The parts of `text` the dictionary reads: those between the council's corrections that have kanji. */
function dictionaryParts(text: string, matcher: Matcher): string[] {
  if (!matcher.pattern) return hasKanji(text) ? [text] : [];
  const parts: string[] = [];
  let at = 0;
  for (const m of text.matchAll(matcher.pattern)) {
    parts.push(text.slice(at, m.index));
    at = m.index! + m[0].length;
  }
  parts.push(text.slice(at));
  return parts.filter(hasKanji);
}

function markupWith(text: string, matcher: Matcher, tokens: Tokens): string {
  if (!matcher.pattern) return dictionaryMarkup(text, tokens);
  const readings = new Map(matcher.corrections.map((c) => [c.surface, c.reading]));
  let out = "";
  let at = 0;
  for (const m of text.matchAll(matcher.pattern)) {
    out += dictionaryMarkup(text.slice(at, m.index), tokens);
    const reading = readings.get(m[0])!;
    out += alignReading(m[0], reading) ?? rubyMarkup(m[0], reading);
    at = m.index! + m[0].length;
  }
  return out + dictionaryMarkup(text.slice(at), tokens);
}

/**
 * The markup of each text: those kept are taken at once, the others made from one request to the dictionary for
 * all their parts, and kept.
 */
async function markupOf(texts: Iterable<string>, matcher: Matcher): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const misses = new Set<string>();
  for (const text of texts) {
    if (out.has(text) || misses.has(text)) continue;
    const hit = cache.get(text);
    if (hit === undefined) {
      misses.add(text);
      continue;
    }
    stats.hits++;
    // Least recently used goes first: a hit moves to the end.
    cache.delete(text);
    cache.set(text, hit);
    out.set(text, hit);
  }
  if (misses.size === 0) return out;
  const parts = [...new Set([...misses].flatMap((text) => dictionaryParts(text, matcher)))];
  const read = await tokensOf(parts);
  const tokens: Tokens = new Map(parts.map((part, i) => [part, read[i]!]));
  for (const text of misses) {
    stats.misses++;
    const markup = markupWith(text, matcher, tokens);
    out.set(text, markup);
    cache.set(text, markup);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return out;
}

/** The furigana markup of one text (｜漢字《かんじ》), or the text itself when it has nothing to read. */
export async function toRuby(text: string, matcher?: Matcher): Promise<string> {
  if (!hasKanji(text) || !canCarryRuby(text)) return text;
  const markup = await markupOf([text], matcher ?? (await loadCorrections()));
  return markup.get(text)!;
}

const MAX_TEXTS = 600;
const MAX_LENGTH = 5_000;

function collectTexts(value: unknown, into: Set<string>, depth = 0) {
  if (into.size >= MAX_TEXTS || depth > 12) return;
  if (typeof value === "string") {
    if (value.length <= MAX_LENGTH && hasKanji(value) && canCarryRuby(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTexts(v, into, depth + 1);
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) collectTexts(v, into, depth + 1);
  }
}

/** A name read as its organiser wrote its reading (nameKana), when that reading fits the name. */
function ownReading(name: string, kana: string): string | null {
  if (!kana.trim() || !hasKanji(name)) return null;
  const reading = katakanaToHiragana(kana.trim());
  return alignReading(name, reading) ?? alignReading(name.replace(/\s+/g, ""), reading.replace(/\s+/g, ""));
}

export type Readings = Record<string, string>;

/**
 * Furigana for what a loader returns: every text in `data` that has kanji, mapped to its markup, under `readings`
 * (the <Readable> component looks a text up there). Only when this request's page shows furigana; `names` are
 * [name, reading] pairs an organiser wrote (a place's 名前のふりがな), which win over the dictionary for that name.
 */
export async function withReadings<T extends object>(request: Request, data: T, names: [string, string][] = []): Promise<T & { readings?: Readings }> {
  if (!(await furiganaWanted(request))) return data;
  return { ...data, readings: await readingsFor(data, names) };
}

export async function readingsFor(data: unknown, names: [string, string][] = []): Promise<Readings> {
  const texts = new Set<string>();
  collectTexts(data, texts);
  if (texts.size === 0) return {};
  const matcher = await loadCorrections();
  const own = new Map<string, string>();
  for (const [name, kana] of names) {
    const markup = ownReading(name, kana);
    if (markup) own.set(name, markup);
  }
  const markups = await markupOf([...texts].filter((text) => !own.has(text)), matcher);
  const readings: Readings = {};
  for (const text of texts) {
    const markup = own.get(text) ?? markups.get(text)!;
    if (markup !== text) readings[text] = markup;
  }
  return readings;
}

/** A template's literal parts get readings; its {{placeholders}} and $t() nestings are kept as written. */
const PLACEHOLDER = /(\{\{[^}]*\}\}|\$t\([^)]*\))/;

/** The literal parts of a template (between its placeholders) that may carry furigana. */
function templateParts(template: string): string[] {
  if (!hasKanji(template) || !canCarryRuby(template)) return [];
  return template.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
}

function templateMarkup(template: string, markups: Map<string, string>): string {
  if (!hasKanji(template) || !canCarryRuby(template)) return template;
  return template
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? part : (markups.get(part) ?? part)))
    .join("");
}

function dictTemplates(dict: Dict, into: string[]): string[] {
  for (const value of Object.values(dict)) {
    if (typeof value === "string") into.push(...templateParts(value));
    else if (Array.isArray(value)) for (const v of value) into.push(...templateParts(v));
    else dictTemplates(value, into);
  }
  return into;
}

function rubyDict(dict: Dict, markups: Map<string, string>): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(dict)) {
    if (typeof value === "string") out[key] = templateMarkup(value, markups);
    else if (Array.isArray(value)) out[key] = value.map((v) => templateMarkup(v, markups));
    else out[key] = rubyDict(value, markups);
  }
  return out;
}

/**
 * The interface's words with furigana, in the same shape as the words a page carries (language → namespace →
 * keys): the browser's translator reads them like the plain ones. Each language's namespace is derived once.
 */
export async function rubyResources(pageLocale: string, resources: Record<string, Record<string, Dict>>): Promise<Record<string, Record<string, Dict>>> {
  const matcher = await loadCorrections();
  // The dictionaries not yet derived for this page language are read in one request.
  const pending: string[] = [];
  for (const [lng, namespaces] of Object.entries(resources))
    for (const [ns, dict] of Object.entries(namespaces)) if (!resourceCache.has(`${pageLocale}|${lng}|${ns}`)) dictTemplates(dict, pending);
  const markups = pending.length > 0 ? await markupOf(pending, matcher) : new Map<string, string>();
  const out: Record<string, Record<string, Dict>> = {};
  for (const [lng, namespaces] of Object.entries(resources)) {
    out[lng] = {};
    for (const [ns, dict] of Object.entries(namespaces)) {
      // The Japanese fallback of easy Japanese holds only what that language lacks: cached per page language.
      const id = `${pageLocale}|${lng}|${ns}`;
      let derived = resourceCache.get(id);
      if (!derived) {
        derived = rubyDict(dict, markups);
        resourceCache.set(id, derived);
      }
      out[lng][ns] = derived;
    }
  }
  return out;
}
