import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { displayCookie } from "~/modules/furigana/display.server";
import { action as displayAction } from "~/routes/settings.display";
import { action as readingsAction, loader as readingsLoader } from "~/routes/staff.readings";
import { createGroup, createPlace, createResident, createSession, createStaff, type TestUser } from "../support/factories";
import { renderRoutes } from "../support/render-app";
import { callLoader, thrownStatus } from "./helpers";

// 表示の設定 (furigana, text size, contrast) and the staff's readings of names, through the routes a visitor and
// staff use, and the place page as it is rendered with furigana on and off.

let staff: TestUser;
let staffCookie: string;
let resident: TestUser;
let residentCookie: string;

beforeAll(async () => {
  staff = await createStaff();
  staffCookie = await createSession(staff, SESSION_POLICIES.STAFF);
  resident = await createResident({ name: "設定 太郎" });
  residentCookie = await createSession(resident);
});

async function post<T>(action: (args: ActionFunctionArgs) => T, url: string, fields: Record<string, string>, cookie = "") {
  const request = new Request(new URL(url, "http://localhost:3000"), { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body: new URLSearchParams(fields) });
  try {
    const result = (await action({ request, params: {}, context: {} })) as unknown;
    if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
      const d = result as unknown as { data: Record<string, unknown>; init: { status?: number; headers?: HeadersInit } | null };
      return { status: d.init?.status ?? 200, body: d.data, headers: new Headers(d.init?.headers) };
    }
    return { status: 200, body: result as Record<string, unknown>, headers: new Headers() };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, body: {}, headers: thrown.headers };
  }
}

const cookieOf = (headers: Headers) => headers.get("Set-Cookie") ?? "";
const readCookie = async (setCookie: string) => displayCookie.parse(setCookie.split(";")[0]!);

describe("the display settings form", () => {
  it("sets this device's cookie and goes back to the page it came from", async () => {
    const answer = await post(displayAction, "/settings/display", { furigana: "on", textSize: "large", contrast: "high", returnTo: "/places?area=sugishita" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/places?area=sugishita");
    expect(await readCookie(cookieOf(answer.headers))).toEqual({ furigana: "on", textSize: "large", highContrast: true });
  });

  it("goes back only to a page of this site", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const answer = await post(displayAction, "/settings/display", { textSize: "normal", contrast: "normal", returnTo });
      expect(answer.headers.get("Location"), returnTo).toBe("/");
    }
  });

  it("refuses a value it does not offer, says why, and changes nothing", async () => {
    const before = await prisma.profile.findUnique({ where: { userId: resident.id }, select: { textSize: true } });
    const answer = await post(displayAction, "/settings/display", { furigana: "on", textSize: "huge", contrast: "normal", returnTo: "/" }, residentCookie);
    expect(answer.status).toBe(400);
    expect(cookieOf(answer.headers)).toBe("");
    expect(JSON.stringify(answer.body)).toContain("display.errors.invalid");
    expect(await prisma.profile.findUnique({ where: { userId: resident.id }, select: { textSize: true } })).toEqual(before);
  });

  it("keeps a signed-in person's choice on their profile, which a device without a cookie then uses", async () => {
    const answer = await post(displayAction, "/settings/display", { furigana: "off", textSize: "xlarge", contrast: "high", returnTo: "/me" }, residentCookie);
    expect(answer.status).toBe(302);
    const profile = await prisma.profile.findUniqueOrThrow({ where: { userId: resident.id }, select: { furigana: true, textSize: true, highContrast: true } });
    expect(profile).toEqual({ furigana: "off", textSize: "xlarge", highContrast: true });

    const { handle } = await renderRoutes(["_index"]);
    const html = await (await handle(new Request("http://localhost:3000/", { headers: { Cookie: residentCookie, "Accept-Language": "ja" } }))).text();
    expect(html).toMatch(/<html[^>]*data-text-size="xlarge"/);
    expect(html).toMatch(/<html[^>]*data-contrast="high"/);
  });
});

describe("the staff's readings of names", () => {
  it("is staff only: anyone else gets the same 404 as a missing page", async () => {
    expect(await thrownStatus(() => callLoader(readingsLoader, "/staff/readings", {}, { Cookie: residentCookie }))).toBe(404);
    const answer = await post(readingsAction, "/staff/readings", { intent: "add", surface: "羽折", reading: "はおり" }, residentCookie);
    expect(answer.status).toBe(404);
  });

  it("adds and deletes a reading, audited, and refuses a reading that is not hiragana", async () => {
    await prisma.readingCorrection.deleteMany({ where: { surface: "試験町" } });
    const bad = await post(readingsAction, "/staff/readings", { intent: "add", surface: "試験町", reading: "シケンチョウ" }, staffCookie);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("staff.readings.errors.reading");
    const noKanji = await post(readingsAction, "/staff/readings", { intent: "add", surface: "しけん", reading: "しけん" }, staffCookie);
    expect(JSON.stringify(noKanji.body)).toContain("staff.readings.errors.surface");
    expect(await prisma.readingCorrection.count({ where: { surface: "試験町" } })).toBe(0);

    const added = await post(readingsAction, "/staff/readings", { intent: "add", surface: "試験町", reading: "しけんまち" }, staffCookie);
    expect(added.status).toBe(200);
    const row = await prisma.readingCorrection.findUniqueOrThrow({ where: { surface: "試験町" }, select: { id: true, reading: true, createdById: true } });
    expect(row).toMatchObject({ reading: "しけんまち", createdById: staff.id });
    const again = await post(readingsAction, "/staff/readings", { intent: "add", surface: "試験町", reading: "しけんちょう" }, staffCookie);
    expect(JSON.stringify(again.body)).toContain("staff.readings.errors.exists");

    const page = await callLoader(readingsLoader, "/staff/readings", {}, { Cookie: staffCookie });
    expect(page.corrections.map((c) => c.surface)).toContain("試験町");
    expect(page.corrections.map((c) => c.surface)).toContain("脚折");

    const deleted = await post(readingsAction, "/staff/readings", { intent: "delete", id: String(row.id) }, staffCookie);
    expect(deleted.status).toBe(200);
    expect(await prisma.readingCorrection.count({ where: { surface: "試験町" } })).toBe(0);
    const audit = await prisma.auditLog.findMany({ where: { actorId: staff.id, entityType: "reading", entityId: row.id }, select: { action: true }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["reading.register", "reading.deleted"]);
  });
});

describe("a place page with furigana", () => {
  it("has ruby with the council's reading when furigana are on, and none when off", async () => {
    const group = await createGroup({ name: "すねおり 支え合いの会" });
    const place = await createPlace(group, { name: "脚折の居場所", nameKana: "", summary: "太田ヶ谷と脚折の人が集まる場所です。" });
    const { handle } = await renderRoutes(["places.$id"]);
    const page = async (cookie: string) => (await handle(new Request(`http://localhost:3000/places/${place.id}`, { headers: { Cookie: cookie, "Accept-Language": "ja" } }))).text();
    const on = await page(await displayCookie.serialize({ furigana: "on", textSize: "normal", highContrast: false }));
    expect(on).toContain("<ruby>脚折<rt>すねおり</rt></ruby>");
    expect(on).toContain("<ruby>太田ヶ谷<rt>おおたがや</rt></ruby>");
    expect(on).toContain("<ruby>居場所<rt>いばしょ</rt></ruby>");
    const off = await page(await displayCookie.serialize({ furigana: "off", textSize: "normal", highContrast: false }));
    expect(off).not.toContain("<ruby>");
    // Plain Japanese without a choice shows none either; easy Japanese shows them unless turned off.
    expect(await page("")).not.toContain("<ruby>");
    const easy = await (await handle(new Request(`http://localhost:3000/places/${place.id}?lng=ja-x-easy`))).text();
    expect(easy).toContain("<ruby>脚折<rt>すねおり</rt></ruby>");
  });
});

describe("the words with furigana a page loads after a client navigation", () => {
  const get = async (lng: string, ns: string) => {
    const { loader } = await import("~/routes/furigana.$lng.$ns[.]json");
    try {
      return await loader({ request: new Request(`http://localhost:3000/furigana/${lng}/${ns}.json`), params: { lng, ns }, context: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  it("gives a namespace's interface words with readings, including the council's corrections", async () => {
    await prisma.readingCorrection.upsert({ where: { surface: "脚折" }, create: { surface: "脚折", reading: "すねおり" }, update: { reading: "すねおり" } });
    const response = await get("ja", "places");
    expect(response.status).toBe(200);
    const words = (await response.json()) as Record<string, Record<string, Record<string, unknown>>>;
    const text = JSON.stringify(words.ja!.places);
    // 居場所 is in the places words ("居場所をさがす" and the like) and is read いばしょ.
    expect(text).toContain("｜居場所《いばしょ》");
    // The same keys as the plain words: the browser looks them up the same way.
    const plain = JSON.parse(fs.readFileSync(path.resolve("public/locales/ja/places.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(words.ja!.places!).sort()).toEqual(Object.keys(plain).sort());
  });

  it("is a 404 for a language without kanji readings or a namespace that does not exist", async () => {
    expect((await get("en", "places")).status).toBe(404);
    expect((await get("ja", "no-such-namespace")).status).toBe(404);
    expect((await get("ja", "../places")).status).toBe(404);
  });
});
