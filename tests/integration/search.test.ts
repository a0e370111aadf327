import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { searchEverything, queryTerms, termSpellings } from "~/modules/discovery/search.server";
import { indexItem } from "~/modules/search/documents.server";
import { parseListingFilters } from "~/modules/listing/filters";
import { loader as searchLoader } from "~/routes/search";
import { createPlace } from "../support/factories";

const noFilters = parseListingFilters(new URL("http://x/search"));
const search = (q: string, qs = "") => searchEverything(q, "ja", qs ? parseListingFilters(new URL(`http://x/search?${qs}`)) : noFilters);
const titles = (r: Awaited<ReturnType<typeof search>>) => [...r.places.map((p) => p.name), ...r.events.map((e) => e.title), ...r.openings.map((o) => o.title)];

// The matching table: what residents type → what they must find.
describe("Japanese-aware search", () => {
  it.each([
    ["kanji as written", "子ども食堂", /子ども食堂/],
    ["hiragana reading of kanji", "こどもしょくどう", /子ども食堂/],
    ["hiragana reading of 居場所", "いばしょ", /居場所/],
    ["katakana for hiragana text", "フジミ", /ふじみ|富士見/],
    ["hiragana for katakana text", "さろん", /サロン/],
    ["half-width katakana", "ｻﾛﾝ", /サロン/],
    ["full-width latin folded", "ＮＰＯ", /NPO/i],
    ["a two-character word", "料理", /料理/],
    ["a one-character word", "茶", /茶/],
    ["two words, both required", "こども 食堂", /食堂/],
  ])("%s: 「%s」", async (_label, query, expected) => {
    const result = await search(query);
    const found = titles(result);
    const texts = [...found, ...result.places.map((p) => p.summary), ...result.events.map((e) => e.summary), ...result.openings.map((o) => o.summary)];
    expect(found.length, `results for ${query}`).toBeGreaterThan(0);
    expect(texts.some((t) => expected.test(t)) || (await anyDocumentMatches(result, expected))).toBe(true);
  });

  it("finds nothing for words that appear nowhere, and treats SQL and wildcards as plain text", async () => {
    for (const q of ["ぞうきんがけせんしゅけん", "%", "_", "\\", "' OR '1'='1", '"', "*"]) {
      expect(titles(await search(q)), q).toEqual([]);
    }
  });

  it("ranks a title match before a match in the description", async () => {
    const result = await search("サロン");
    const first = result.places[0]!;
    expect(first.name).toMatch(/サロン/);
  });

  it("applies the listing filters to search results", async () => {
    const area = await prisma.area.findFirstOrThrow({ where: { slug: "fujimi" }, select: { id: true } });
    const result = await search("サロン", "area=fujimi");
    expect(result.places.length).toBeGreaterThan(0);
    const rows = await prisma.place.findMany({ where: { id: { in: result.places.map((p) => p.id) } }, select: { areaId: true } });
    expect(rows.every((r) => r.areaId === area.id)).toBe(true);
  });

  it("splits and folds the query once", () => {
    expect(queryTerms("　コドモ　ｼｮｸﾄﾞｳ  ")).toEqual(["こども", "しょくどう"]);
    expect(queryTerms("a b c d e f g h")).toHaveLength(5);
  });
});

// 表記ゆれ: the spellings residents type for the same thing, and English, on the seed (ids are the seed's).
describe("search variants find the same places", () => {
  // The five places of type こども食堂: 2 わかば こども食堂, 18 鶴ヶ丘 子ども食堂 にこにこ, 32 西部 こども食堂「もぐもぐ」,
  // 36 北 こども食堂「はなみずき」, 39 三ツ木 みんなの食卓 (its name says nothing of こども食堂; its type does).
  const KODOMO_SHOKUDO = [2, 18, 32, 36, 39];

  it("the seed's こども食堂 places are the five the table expects", async () => {
    const rows = await prisma.place.findMany({ where: { type: { name: "こども食堂" }, status: "published" }, select: { id: true } });
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(KODOMO_SHOKUDO);
  });

  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  it.each([
    ["子ども食堂", "ja", { places: KODOMO_SHOKUDO }],
    ["こども食堂", "ja", { places: KODOMO_SHOKUDO }],
    ["子供食堂", "ja", { places: KODOMO_SHOKUDO }],
    ["こどもしょくどう", "ja", { places: KODOMO_SHOKUDO }],
    ["コドモショクドウ", "ja", { places: KODOMO_SHOKUDO }],
    // English, by the items' translations and by romanised names.
    ["Wakaba", "en", { places: [2], events: [3] }],
    ["kodomo shokudo", "en", { places: KODOMO_SHOKUDO }],
    ["salon", "en", { places: [1, 16, 29, 37] }],
    ["disaster", "en", { events: [18, 48] }],
  ] as const)("「%s」 (%s)", async (query, locale, expected: { places?: readonly number[]; events?: readonly number[] }) => {
    const result = await searchEverything(query, locale, noFilters);
    expect(ids(result.places), `${query}: places`).toEqual(expect.arrayContaining([...(expected.places ?? [])]));
    expect(ids(result.events), `${query}: events`).toEqual(expect.arrayContaining([...(expected.events ?? [])]));
  });

  it("every spelling of こども食堂 finds the same items", async () => {
    const sets = await Promise.all(
      ["子ども食堂", "こども食堂", "子供食堂", "こどもしょくどう"].map(async (q) => {
        const r = await search(q);
        return [...ids(r.places).map((id) => `p${id}`), ...ids(r.events).map((id) => `e${id}`), ...ids(r.openings).map((id) => `o${id}`)].sort();
      }),
    );
    for (const s of sets.slice(1)) expect(s).toEqual(sets[0]);
  });

  it("a one-kanji word is not widened to its short reading (茶 does not find おもちゃ)", async () => {
    expect(await termSpellings(["茶"])).toEqual([["茶"]]);
    expect(await termSpellings(["子供食堂", "さろん", "wakaba"])).toEqual([["子供食堂", "こどもしょくどう"], ["さろん"], ["wakaba"]]);
  });
});

/** Whether the words of some found item (its indexed text: description, group, venue …) contain `expected`. */
async function anyDocumentMatches(result: Awaited<ReturnType<typeof search>>, expected: RegExp) {
  const wanted = [
    ...result.places.map((p) => ({ entityType: "place", entityId: p.id })),
    ...result.events.map((e) => ({ entityType: "event", entityId: e.id })),
    ...result.openings.map((o) => ({ entityType: "opening", entityId: o.id })),
  ];
  const rows = await prisma.searchDocument.findMany({ where: { OR: wanted }, select: { text: true } });
  return rows.some((r) => expected.test(r.text));
}

describe("only public items are ever found", () => {
  it("a draft, a hidden item and an item of a suspended group are not in the results; publishing puts it in", async () => {
    const group = await prisma.group.findFirstOrThrow({ where: { status: "approved" }, select: { id: true } });
    const place = await createPlace(group, { name: "ひみつの下書きサロン", nameKana: "ひみつのしたがきさろん", status: "draft" });
    await indexItem("place", place.id);
    expect(titles(await search("ひみつの下書き"))).toEqual([]);

    await prisma.place.update({ where: { id: place.id }, data: { status: "published" } });
    await indexItem("place", place.id);
    expect(titles(await search("ひみつの下書き"))).toContain("ひみつの下書きサロン");
    expect(titles(await search("ひみつのしたがき"))).toContain("ひみつの下書きサロン");

    await prisma.place.update({ where: { id: place.id }, data: { status: "hidden" } });
    await indexItem("place", place.id);
    expect(titles(await search("ひみつの下書き"))).toEqual([]);
    expect(await prisma.searchDocument.count({ where: { entityType: "place", entityId: place.id } })).toBe(0);
  });

  it("a stale index entry still cannot surface an item that is no longer public", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { status: "published", name: { contains: "サロン" } }, select: { id: true, name: true } });
    await prisma.place.update({ where: { id: place.id }, data: { status: "hidden" } });
    try {
      const result = await search(place.name);
      expect(result.places.map((p) => p.id)).not.toContain(place.id);
    } finally {
      await prisma.place.update({ where: { id: place.id }, data: { status: "published" } });
    }
  });

  it("an 'area only' place cannot be found by its street address", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { status: "published", showAreaOnly: true, address: { not: "" } }, select: { id: true, address: true } });
    const street = place.address.replace(/^鶴ヶ島市/, "").slice(0, 8);
    const result = await search(street);
    expect(result.places.map((p) => p.id)).not.toContain(place.id);
  });
});

describe("/search page", () => {
  it("keeps the query within 100 characters and returns ranked sections", async () => {
    const long = "サロン".repeat(60);
    const data = await searchLoader({ request: new Request(`http://localhost:3000/search?q=${encodeURIComponent(long)}`), params: {}, context: {} });
    expect(data.q.length).toBe(100);
    const ok = await searchLoader({ request: new Request(`http://localhost:3000/search?q=${encodeURIComponent("こどもしょくどう")}`), params: {}, context: {} });
    expect(ok.results.places.some((p) => /食堂/.test(p.name))).toBe(true);
  });
});
