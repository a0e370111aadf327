import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as robotsLoader } from "~/routes/robots[.]txt";

describe("sitemap.xml", () => {
  it("lists published places, upcoming events and openings, and nothing that is not public", async () => {
    const xml = await (await sitemapLoader()).text();
    const published = await prisma.place.findFirstOrThrow({ where: { status: "published", group: { status: "approved" } }, select: { id: true } });
    expect(xml).toContain(`<loc>http://localhost:3000/places/${published.id}</loc>`);
    for (const status of ["draft", "pending", "hidden"]) {
      for (const row of await prisma.place.findMany({ where: { status }, select: { id: true } })) {
        expect(xml).not.toContain(`/places/${row.id}<`);
      }
      for (const row of await prisma.event.findMany({ where: { status }, select: { id: true } })) {
        expect(xml).not.toContain(`/events/${row.id}<`);
      }
    }
    const suspended = await prisma.place.findMany({ where: { group: { status: { not: "approved" } } }, select: { id: true } });
    for (const row of suspended) expect(xml).not.toContain(`/places/${row.id}<`);
  });

  it("robots.txt keeps personal pages out and points to the sitemap", async () => {
    const txt = await robotsLoader().text();
    expect(txt).toContain("Disallow: /me");
    expect(txt).toContain("Sitemap: http://localhost:3000/sitemap.xml");
  });
});
