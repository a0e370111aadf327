import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createStaff } from "../../../tests/support/factories";
import { addCorrection, deleteCorrection } from "./corrections.server";
import { readingsFor, rubyCacheStats, rubyResources, toRuby } from "./ruby.server";

// Furigana come from the dictionary (kuromoji) after the council's own readings of names; the tests read what a
// resident would see over each word.

let staffId: number;
let seeded: { surface: string; reading: string }[];

beforeAll(async () => {
  staffId = (await createStaff()).id;
  // The migration seeds Tsurugashima's names; these tests start from the dictionary alone and put them back after.
  seeded = await prisma.readingCorrection.findMany({ select: { surface: true, reading: true } });
  await prisma.readingCorrection.deleteMany({});
  await toRuby("辞書"); // loads the dictionary once, outside any one test's time limit
}, 60_000);

afterAll(async () => {
  await prisma.readingCorrection.deleteMany({});
  await prisma.readingCorrection.createMany({ data: seeded });
});

describe("furigana from the dictionary", () => {
  it("reads 居場所 as いばしょ, and keeps okurigana as written", async () => {
    expect(await toRuby("居場所")).toBe("｜居場所《いばしょ》");
    expect(await toRuby("読み方")).toBe("｜読《よ》み｜方《かた》");
    expect(await toRuby("お申し込みはこちら")).toBe("お｜申《もう》し｜込《こ》みはこちら");
  });

  it("leaves kana, latin letters and digits untouched", async () => {
    expect(await toRuby("サロン Cafe 10:00")).toBe("サロン Cafe 10:00");
    const markup = await toRuby("第2水曜日 10時から Cafe");
    expect(markup).toContain("2");
    expect(markup).toContain(" 10");
    expect(markup).toContain("から Cafe");
    expect(markup.replace(/｜([^《]+)《[^》]+》/g, "$1")).toBe("第2水曜日 10時から Cafe");
  });

  it("reads a text once: the second time comes from the cache", async () => {
    const text = "鶴ヶ島市の地域食堂";
    const before = rubyCacheStats();
    const first = await toRuby(text);
    const second = await toRuby(text);
    const after = rubyCacheStats();
    expect(second).toBe(first);
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
  });
});

describe("the council's readings of names", () => {
  it("reads 脚折 as すねおり once corrected, and 太田ヶ谷 as おおたがや where the dictionary reads it wrong", async () => {
    const dictionary = await toRuby("太田ヶ谷の集会所");
    expect(dictionary).not.toContain("おおたがや");
    const beforeSuneori = await toRuby("脚折の公民館");

    expect(await addCorrection({ surface: "太田ヶ谷", reading: "おおたがや", actorId: staffId })).toBe(true);
    expect(await addCorrection({ surface: "脚折", reading: "すねおり", actorId: staffId })).toBe(true);
    // A change empties the cache: the same texts now read as corrected.
    expect(await toRuby("太田ヶ谷の集会所")).toMatch(/^｜太田ヶ谷《おおたがや》の/);
    expect(await toRuby("脚折の公民館")).toMatch(/^｜脚折《すねおり》の/);
    expect(beforeSuneori).toContain("脚折");

    const audit = await prisma.auditLog.findFirst({ where: { action: "reading.register", actorId: staffId }, orderBy: { id: "desc" }, select: { detail: true } });
    expect(JSON.parse(audit!.detail)).toEqual({ surface: "脚折", reading: "すねおり" });
  });

  it("prefers the longest written form, and a deleted reading is no longer used", async () => {
    await addCorrection({ surface: "脚折町", reading: "すねおりちょう", actorId: staffId });
    const corrected = await toRuby("脚折町と脚折");
    expect(corrected).toBe("｜脚折町《すねおりちょう》と｜脚折《すねおり》");
    const row = await prisma.readingCorrection.findUniqueOrThrow({ where: { surface: "太田ヶ谷" }, select: { id: true } });
    expect(await deleteCorrection({ id: row.id, actorId: staffId })).toBe(true);
    expect(await toRuby("太田ヶ谷の集会所")).not.toContain("おおたがや");
  });

  it("uses a name's own reading (its organiser's ふりがな) for that name only", async () => {
    const readings = await readingsFor({ name: "高倉ふれあい広場", other: "高倉の畑" }, [["高倉ふれあい広場", "タカクラフレアイヒロバ"]]);
    expect(readings["高倉ふれあい広場"]).toBe("｜高倉《たかくら》ふれあい｜広場《ひろば》");
    expect(readings["高倉の畑"]).toBeDefined();
  });
});

describe("the interface's words with furigana", () => {
  it("reads the literal parts of a template and keeps its placeholders", async () => {
    const ruby = await rubyResources("ja", { ja: { common: { places: { count: "{{count}}件の居場所" } } } });
    expect(ruby.ja!.common!).toEqual({ places: { count: "{{count}}｜件《けん》の｜居場所《いばしょ》" } });
  });
});
