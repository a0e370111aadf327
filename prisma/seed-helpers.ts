// Helpers shared by the demo seed (prisma/seed.ts) and the benchmark seed (scripts/bench/seed-bench.ts).

/** mulberry32: a tiny deterministic PRNG so every seed run gives the same "random" variety. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Creates a list's rows one after another in the list's order (sortOrder 1, 2, …, as the pickers show them) and
 * returns their ids by slug, for the rows that link to them.
 */
export async function createInListOrder<T extends { slug: string }>(items: readonly T[], create: (item: T, sortOrder: number) => Promise<{ id: number }>) {
  const idBySlug = new Map<string, number>();
  for (const [i, item] of items.entries()) idBySlug.set(item.slug, (await create(item, i + 1)).id);
  return idBySlug;
}
