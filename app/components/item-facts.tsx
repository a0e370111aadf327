import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { Icon, type IconName } from "./icon";

// What cards and detail pages show of an item: its tags, its labelled facts, and the names of its area, categories,
// audiences and type. Kept apart from the list controls (listing.tsx) so a detail page carries none of their words.

type Named = { name: string; lang: string };
/** A card's title is an h2 straight under a list page's h1, an h3 under a section's h2 (the home page, search): no level skipped. */
export type CardHeadingLevel = 2 | 3;

export type NameMaps = Record<"areas" | "categories" | "audiences" | "placeTypes", Record<string, Named>>;

export function nameMaps(tax: Taxonomy): NameMaps {
  const map = (items: { slug: string; name: string; lang: string }[]) =>
    Object.fromEntries(items.map((i) => [i.slug, { name: i.name, lang: i.lang }]));
  return { areas: map(tax.areas), categories: map(tax.categories), audiences: map(tax.audiences), placeTypes: map(tax.placeTypes) };
}


export function Tag({ children, tone = "plain" }: { children: React.ReactNode; tone?: "plain" | "welcome" | "warn" | "info" }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}

export function Fact({ icon, label, children }: { icon: IconName; label: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>
        <Icon name={icon} /> {label}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
