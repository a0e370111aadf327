import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { localize } from "~/modules/translation/localize.server";
import { queryVariants } from "./normalize";

export const MAX_QUERY_LENGTH = 100;
const PER_KIND = 10;

/**
 * One query across published places, events and openings. Matching is a substring match over the
 * Japanese source text and its kana reading in each script; ranking puts title matches first.
 */
export async function searchEverything(rawQuery: string, locale: string, now = new Date()) {
  const variants = queryVariants(rawQuery.slice(0, MAX_QUERY_LENGTH));
  if (!variants.length) return { query: "", places: [], events: [], openings: [] };
  const anyOf = <K extends string>(fields: K[]) => variants.flatMap((v) => fields.map((f) => ({ [f]: { contains: v } }) as Record<K, { contains: string }>));

  const [places, events, openings] = await Promise.all([
    prisma.place.findMany({
      where: { status: "published", group: { status: "approved" }, OR: anyOf(["name", "nameKana", "summary", "description"]) as Prisma.PlaceWhereInput[] },
      select: { id: true, name: true, nameKana: true, summary: true },
      take: 50,
    }),
    prisma.event.findMany({
      where: {
        status: "published",
        group: { status: "approved" },
        dates: { some: { startsAt: { gte: now }, status: { notIn: ["cancelled", "paused"] } } },
        OR: anyOf(["title", "titleKana", "summary", "description"]) as Prisma.EventWhereInput[],
      },
      select: { id: true, title: true, titleKana: true, summary: true },
      take: 50,
    }),
    prisma.opening.findMany({
      where: { status: "published", group: { status: "approved" }, OR: anyOf(["title", "titleKana", "summary", "description", "skills"]) as Prisma.OpeningWhereInput[] },
      select: { id: true, title: true, titleKana: true, summary: true },
      take: 50,
    }),
  ]);
  const score = (title: string, kana: string) =>
    variants.some((v) => title.toLowerCase().includes(v)) ? 2 : variants.some((v) => kana.includes(v)) ? 1 : 0;
  const rank = <T extends { id: number }>(items: T[], s: (i: T) => number) =>
    [...items].sort((a, b) => s(b) - s(a) || a.id - b.id).slice(0, PER_KIND);

  return {
    query: variants[0]!,
    places: await localize("place", rank(places, (p) => score(p.name, p.nameKana)), ["name", "summary"] as const, locale),
    events: await localize("event", rank(events, (e) => score(e.title, e.titleKana)), ["title", "summary"] as const, locale),
    openings: await localize("opening", rank(openings, (o) => score(o.title, o.titleKana)), ["title", "summary"] as const, locale),
  };
}
