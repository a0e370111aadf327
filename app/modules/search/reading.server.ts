import path from "node:path";
import { createRequire } from "node:module";
import kuromoji from "kuromoji";
import { normalizeText, toHiragana } from "./normalize";

// Readings (yomi) of Japanese text via kuromoji's bundled IPA dictionary — offline, no download.
// Built once per process (~1–2 s), then about a millisecond per sentence.

type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
let building: Promise<Tokenizer> | undefined;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
}

export function getTokenizer(): Promise<Tokenizer> {
  building ??= new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
  return building;
}

/** The hiragana reading of `text` (words without a reading, e.g. latin letters, are kept as written). */
export async function readingOf(text: string): Promise<string> {
  if (!text.trim()) return "";
  const tokenizer = await getTokenizer();
  const reading = tokenizer
    .tokenize(text.normalize("NFKC"))
    .map((t) => (t.reading && t.reading !== "*" ? t.reading : t.surface_form))
    .join("");
  return toHiragana(normalizeText(reading));
}
