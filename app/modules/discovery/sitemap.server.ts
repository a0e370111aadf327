import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { publicWhere } from "~/modules/publishing/visibility";

// sitemap.xml for search engines: public pages and every public item (never drafts, pending, rejected, hidden or
// archived ones, nor anything of a group that is not approved).

const STATIC_PATHS = ["/", "/places", "/events", "/volunteer", "/privacy"];
const LIMIT = 45_000;

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export async function buildSitemap(now = new Date()) {
  const origin = getEnv().APP_ORIGIN;
  const [places, events, openings] = await Promise.all([
    prisma.place.findMany({ where: publicWhere("place"), select: { id: true, updatedAt: true }, take: LIMIT }),
    prisma.event.findMany({ where: { ...publicWhere("event"), dates: { some: { startsAt: { gte: now } } } }, select: { id: true, updatedAt: true }, take: LIMIT }),
    prisma.opening.findMany({ where: publicWhere("opening"), select: { id: true, updatedAt: true }, take: LIMIT }),
  ]);
  const entries = [
    ...STATIC_PATHS.map((p) => ({ loc: `${origin}${p}`, lastmod: null as Date | null })),
    ...places.map((p) => ({ loc: `${origin}/places/${p.id}`, lastmod: p.updatedAt })),
    ...events.map((e) => ({ loc: `${origin}/events/${e.id}`, lastmod: e.updatedAt })),
    ...openings.map((o) => ({ loc: `${origin}/volunteer/${o.id}`, lastmod: o.updatedAt })),
  ];
  const body = entries
    .map((e) => `  <url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ""}</url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function buildRobots() {
  return ["User-agent: *", "Disallow: /me", "Disallow: /dev/", "Disallow: /search", `Sitemap: ${getEnv().APP_ORIGIN}/sitemap.xml`, ""].join("\n");
}
