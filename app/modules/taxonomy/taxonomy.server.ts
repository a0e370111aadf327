import { prisma } from "~/utils/db.server";
import { localize } from "~/modules/i18n/localize.server";

// For loaders: a route that imports this from ./towns directly would bring the 町名 parsing into its browser bundle.
export { townSuggestions } from "./towns";

export type TaxonomyItem = { id: number; slug: string; name: string; lang: string };
export type AreaItem = TaxonomyItem & { towns: string; schoolDistrict: string; lat: number | null; lng: number | null };

export type Taxonomy = {
  areas: AreaItem[];
  categories: TaxonomyItem[];
  audiences: TaxonomyItem[];
  placeTypes: TaxonomyItem[];
};

// Taxonomies change a few times a year; a short cache keeps every list page from re-reading them.
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Taxonomy }>();

export async function getTaxonomy(locale: string): Promise<Taxonomy> {
  const hit = cache.get(locale);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const simple = { id: true, slug: true, name: true } as const;
  const [areas, categories, audiences, placeTypes] = await Promise.all([
    prisma.area.findMany({ select: { ...simple, towns: true, schoolDistrict: true, lat: true, lng: true }, orderBy: { sortOrder: "asc" } }),
    prisma.category.findMany({ select: simple, orderBy: { sortOrder: "asc" } }),
    prisma.audience.findMany({ select: simple, orderBy: { sortOrder: "asc" } }),
    prisma.placeType.findMany({ select: simple, orderBy: { sortOrder: "asc" } }),
  ]);
  const flatten = <T extends { name: string }>(items: (T & { fieldLang: Record<string, string> })[]) =>
    items.map(({ fieldLang, ...rest }) => ({ ...rest, lang: fieldLang.name ?? "ja" }));
  const value: Taxonomy = {
    areas: flatten(await localize("area", areas, ["name"], locale)),
    categories: flatten(await localize("category", categories, ["name"], locale)),
    audiences: flatten(await localize("audience", audiences, ["name"], locale)),
    placeTypes: flatten(await localize("place-type", placeTypes, ["name"], locale)),
  };
  cache.set(locale, { at: Date.now(), value });
  return value;
}

/** Looks up a slug from a GET parameter; unknown slugs are ignored rather than erroring, so old links still work. */
export function findBySlug<T extends { slug: string }>(items: T[], slug: string | null): T | undefined {
  if (!slug) return undefined;
  return items.find((i) => i.slug === slug);
}

/** Area slugs ordered by the distance of their centres from the area `fromSlug` (itself first). */
export function areasByDistance(areas: AreaItem[], fromSlug: string): string[] {
  const origin = areas.find((a) => a.slug === fromSlug);
  if (!origin || origin.lat == null || origin.lng == null) return areas.map((a) => a.slug);
  const d = (a: AreaItem) => (a.lat == null || a.lng == null ? Infinity : (a.lat - origin.lat!) ** 2 + ((a.lng - origin.lng!) * Math.cos((origin.lat! * Math.PI) / 180)) ** 2);
  return [...areas].sort((a, b) => d(a) - d(b)).map((a) => a.slug);
}
