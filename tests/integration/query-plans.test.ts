import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { queryPlanStats } from "~/utils/query-plans.server";

// Issue 13: query plans kept by their query (app/utils/query-plans.server.ts), against the test database through the
// app's own client: a query asked again is not compiled again, and a kept plan reads the data as it is now.

const areaNamed = (slug: string) => prisma.area.findUnique({ where: { slug }, select: { slug: true, name: true, sortOrder: true } });

describe("query plans kept by their query", () => {
  it("compiles a query once, and its plan reads what the database holds at each run", async () => {
    const first = await areaNamed("fujimi");
    expect(first?.name).toBeTruthy();
    const before = queryPlanStats();
    expect(await areaNamed("fujimi")).toEqual(first);
    const after = queryPlanStats();
    expect(after.kept).toBe(before.kept + 1);
    expect(after.compiled).toBe(before.compiled);

    // The plan holds the query, not its answer: a change is read by the kept plan.
    await prisma.area.update({ where: { slug: "fujimi" }, data: { sortOrder: first!.sortOrder + 100 } });
    try {
      expect((await areaNamed("fujimi"))?.sortOrder).toBe(first!.sortOrder + 100);
    } finally {
      await prisma.area.update({ where: { slug: "fujimi" }, data: { sortOrder: first!.sortOrder } });
    }
  });

  it("compiles a query with other values on its own, and gives each its own answer", async () => {
    const before = queryPlanStats();
    const [fujimi, southern] = [await areaNamed("fujimi"), await areaNamed("southern")];
    expect(fujimi?.slug).toBe("fujimi");
    expect(southern?.slug).toBe("southern");
    expect(queryPlanStats().kept + queryPlanStats().compiled).toBe(before.kept + before.compiled + 2);
  });

  it("keeps one plan for a query asked with other dates each time, and answers each with its own dates", async () => {
    const since = (from: Date) => prisma.eventDate.count({ where: { startsAt: { gte: from } } });
    const everything = await prisma.eventDate.count();
    expect(everything).toBeGreaterThan(0);
    expect(await since(new Date("2000-01-01T00:00:00Z"))).toBe(everything);
    const before = queryPlanStats();
    // The same query from a later moment (as every "from now on" list asks it) reuses the plan, with its own date.
    expect(await since(new Date("2999-01-01T00:00:00Z"))).toBe(0);
    const latest = await prisma.eventDate.findFirst({ orderBy: { startsAt: "desc" }, select: { startsAt: true } });
    expect(await since(latest!.startsAt)).toBeGreaterThanOrEqual(1);
    expect(await since(new Date(latest!.startsAt.getTime() + 1))).toBe(0);
    const after = queryPlanStats();
    expect(after.kept - before.kept).toBeGreaterThanOrEqual(3);
  });
});
