import { prisma } from "~/utils/db.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { ITEM_STATUS } from "~/modules/publishing/visibility";

// Choices offered by the organiser forms, and the server-side check that what came back is one of them.
// A select or hidden field can carry any id; a place of another group or an unknown area is refused, never
// connected (IDOR through form fields, SECURITY.md row 22 / §3 item 30).

export async function getFormOptions(groupId: number, locale: string) {
  const [tax, places] = await Promise.all([
    getTaxonomy(locale),
    prisma.place.findMany({ where: { groupId, status: { not: ITEM_STATUS.archived } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const pick = (items: { id: number; name: string }[]) => items.map((i) => ({ id: i.id, name: i.name }));
  return {
    areas: pick(tax.areas),
    categories: pick(tax.categories),
    audiences: pick(tax.audiences),
    placeTypes: pick(tax.placeTypes),
    places: places.map((p) => ({ id: p.id, name: p.name })),
  };
}
export type Choices = {
  areaId?: number | null;
  typeId?: number | null;
  placeId?: number | null;
  categoryIds?: number[];
  audienceIds?: number[];
};

/** Field → message key for every chosen id that is not an allowed choice for this group. */
export async function checkChoices(groupId: number, c: Choices): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  const bad = (field: string) => (errors[field] = ["errors.invalidChoice"]);
  const [area, type, place, categories, audiences] = await Promise.all([
    c.areaId ? prisma.area.count({ where: { id: c.areaId } }) : 1,
    c.typeId ? prisma.placeType.count({ where: { id: c.typeId } }) : 1,
    // Only the group's own places: another group's place id answers like an unknown one.
    c.placeId ? prisma.place.count({ where: { id: c.placeId, groupId } }) : 1,
    c.categoryIds?.length ? prisma.category.count({ where: { id: { in: c.categoryIds } } }) : 0,
    c.audienceIds?.length ? prisma.audience.count({ where: { id: { in: c.audienceIds } } }) : 0,
  ]);
  if (!area) bad("areaId");
  if (!type) bad("typeId");
  if (!place) bad("placeId");
  if (categories !== (c.categoryIds?.length ?? 0)) bad("categoryIds");
  if (audiences !== (c.audienceIds?.length ?? 0)) bad("audienceIds");
  return errors;
}
