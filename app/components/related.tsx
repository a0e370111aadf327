import { useRubyT } from "~/modules/furigana/ruby";
import { Link } from "@remix-run/react";
import { Text } from "./text";
import { When } from "./format";

type Item = { id: number; label: string; lang: string; startsAt?: string; endsAt?: string; sub?: string };

/** "You might also like": a short list of similar items under a detail page. */
export function Related({ items, base }: { items: Item[]; base: string }) {
  const rt = useRubyT();
  if (!items.length) return null;
  return (
    <section className="panel" aria-labelledby="related-h">
      <h2 id="related-h">{rt("detail.related")}</h2>
      <ul className="link-list">
        {items.map((i) => (
          <li key={i.id}>
            {i.startsAt ? (
              <>
                <When startsAt={i.startsAt} endsAt={i.endsAt} />{" "}
              </>
            ) : null}
            <Link to={`${base}/${i.id}`}>
              <Text value={i.label} lang={i.lang} />
            </Link>
            {i.sub ? <span className="fact__sub">{i.sub}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
