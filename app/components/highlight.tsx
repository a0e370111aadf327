import { foldForSearch } from "~/modules/search/normalize";

/**
 * Marks where the search terms occur in `text`, comparing in the same folded form the index uses
 * (so 「カフェ」 is marked for the query 「かふぇ」). Matches found only through the reading are not marked.
 */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  if (!terms.length || !text) return <>{text}</>;
  const chars = [...text];
  const folded = chars.map((c) => foldForSearch(c) || c);
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    const t = [...term];
    for (let i = 0; i + t.length <= folded.length; i++) {
      if (t.every((c, j) => folded[i + j] === c)) for (let j = 0; j < t.length; j++) marked[i + j] = true;
    }
  }
  const parts: { text: string; mark: boolean }[] = [];
  chars.forEach((c, i) => {
    const last = parts[parts.length - 1];
    if (last && last.mark === marked[i]) last.text += c;
    else parts.push({ text: c, mark: marked[i]! });
  });
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
