import path from "node:path";
import { createRequire } from "node:module";
import kuromoji from "kuromoji";
import { normalizeText, toHiragana } from "./normalize";
import { readingServiceSocket, tokensFromService } from "./reading-client.server";

// Readings (yomi) of Japanese text via kuromoji's bundled IPA dictionary — offline, no download.
//
// The dictionary costs a process about 280 MB (its tables, and what unpacking them leaves behind), against a server
// budget of 400 MB per process (issue 13). So the production server keeps one copy for the whole machine, in the
// reading service (server/reading-service.js), which every worker asks over a local socket; a process started
// without it (tests, `remix dev`, a script) loads its own, once (~1–2 s), then about a millisecond per sentence.
// Both answer with the same tokens: [as written, reading in katakana or ""].

export type Token = readonly [surface: string, reading: string];

type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
let building: Promise<Tokenizer> | undefined;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
}

function localTokenizer(): Promise<Tokenizer> {
  building ??= new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
  return building;
}

/** kuromoji's tokens of one text as [surface, reading] ("" when it has none, as for latin letters). */
function tokensWith(tokenizer: Tokenizer, text: string): Token[] {
  return tokenizer.tokenize(text).map((t) => [t.surface_form, t.reading && t.reading !== "*" ? t.reading : ""] as const);
}

let warned = false;

/** The tokens of each text, in order: from the reading service when the server runs one, else from this process. */
export async function tokensOf(texts: readonly string[]): Promise<Token[][]> {
  if (texts.length === 0) return [];
  if (readingServiceSocket()) {
    try {
      return await tokensFromService(texts);
    } catch (error) {
      // The service is restarted by the process that started it; meanwhile pages keep their readings from a local
      // copy (at its memory cost) rather than lose them.
      if (!warned) console.error(`reading service unavailable (${error instanceof Error ? error.message : error}): reading in this process`);
      warned = true;
    }
  }
  const tokenizer = await localTokenizer();
  return texts.map((text) => tokensWith(tokenizer, text));
}

/**
 * Makes sure readings can be given without a wait: before a caller opens a transaction that reindexes, so the
 * transaction does not hold SQLite's write lock, or run out of time, while a dictionary loads.
 */
export async function readingsReady(): Promise<void> {
  await tokensOf(["読"]);
}

/** The hiragana reading of `text` (words without a reading, e.g. latin letters, are kept as written). */
export async function readingOf(text: string): Promise<string> {
  if (!text.trim()) return "";
  const [tokens] = await tokensOf([text.normalize("NFKC")]);
  const reading = tokens!.map(([surface, kana]) => kana || surface).join("");
  return toHiragana(normalizeText(reading));
}
