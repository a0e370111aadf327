import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action, loader } from "~/routes/me.profile";
import { TALENT_REGISTER_CONSENT } from "~/modules/matching/profile.server";
import { actionAnswer, fieldErrors, requestWithCookie } from "../support/auth";
import { createResident, createSession } from "../support/factories";
import { renderRoutes } from "../support/render-app";

// /me/profile: a resident says what they like, can do, when and where, and may join the talent register (人材バンク).

async function ids() {
  const [areas, categories, audiences] = await Promise.all([
    prisma.area.findMany({ select: { id: true }, orderBy: { sortOrder: "asc" }, take: 2 }),
    prisma.category.findMany({ select: { id: true }, orderBy: { sortOrder: "asc" }, take: 2 }),
    prisma.audience.findMany({ select: { id: true }, orderBy: { sortOrder: "asc" }, take: 2 }),
  ]);
  return { areas: areas.map((a) => String(a.id)), categories: categories.map((c) => String(c.id)), audiences: audiences.map((a) => String(a.id)) };
}

/** The fields the form sends, as URLSearchParams (repeated names for the checkbox lists). */
function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body;
}

async function post(cookie: string, fields: Record<string, string | string[]>) {
  const request = new Request("http://localhost:3000/me/profile", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: form(fields),
  });
  try {
    const answer = actionAnswer(await action({ request, params: {}, context: {} }));
    return { status: answer.status, result: answer.data.result as unknown, location: null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, result: undefined, location: error.headers.get("Location") };
    throw error;
  }
}

async function storedProfile(userId: number) {
  return prisma.profile.findUniqueOrThrow({
    where: { userId },
    select: {
      areaId: true,
      skills: true,
      languages: true,
      availability: true,
      reach: true,
      commitment: true,
      role: true,
      prefersBeginner: true,
      prefersAtHome: true,
      withChildren: true,
      avoid: true,
      notifyDigest: true,
      discoverableByStaff: true,
      interests: { select: { id: true }, orderBy: { id: "asc" } },
      audiences: { select: { id: true }, orderBy: { id: "asc" } },
    },
  });
}

describe("a resident's profile", () => {
  it("saves every part of the form, and the form shows it back", async () => {
    const { areas, categories, audiences } = await ids();
    const user = await createResident();
    const cookie = await createSession(user);
    const saturdayMorning = "sat-am";
    const tuesdayEvening = "tue-eve";
    const answer = await post(cookie, {
      categoryIds: categories,
      audienceIds: audiences[0]!,
      skills: ["調理", "運転"],
      otherSkills: "介護福祉士、写真撮影, 将棋",
      availability: [saturdayMorning, tuesdayEvening],
      areaId: areas[1]!,
      reach: "own",
      languages: ["ja", "vi"],
      prefersBeginner: "on",
      withChildren: "on",
      commitment: "regular",
      role: "help",
      avoid: ["evenings", "fee"],
      notifyDigest: "on",
      // Sent along but not the form's: ignored.
      discoverable: "on",
      status: "suspended",
    });
    expect(answer).toMatchObject({ status: 302, location: "/me/profile?saved=1" });

    const stored = await storedProfile(user.id);
    expect(stored).toMatchObject({
      areaId: Number(areas[1]),
      skills: "調理、運転、介護福祉士、写真撮影、将棋",
      languages: ",ja,vi,",
      // bit = weekday * 3 + band, Monday = 0
      availability: (1 << (5 * 3 + 0)) | (1 << (1 * 3 + 2)),
      reach: "own",
      commitment: "regular",
      role: "help",
      avoid: ",evenings,fee,",
      prefersBeginner: true,
      prefersAtHome: false,
      withChildren: true,
      notifyDigest: true,
      discoverableByStaff: false,
    });
    expect(stored.interests.map((c) => String(c.id)).sort()).toEqual([...categories].sort());
    expect(stored.audiences.map((a) => String(a.id))).toEqual([audiences[0]]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { status: true } })).status).toBe("active");

    const data = await loader({ request: requestWithCookie("/me/profile", cookie), params: {}, context: {} });
    expect(data.values).toMatchObject({
      skills: ["調理", "運転"],
      otherSkills: "介護福祉士、写真撮影、将棋",
      availability: [tuesdayEvening, saturdayMorning],
      areaId: areas[1],
      reach: "own",
      languages: ["ja", "vi"],
      commitment: "regular",
      role: "help",
      avoid: ["evenings", "fee"],
      notifyDigest: true,
      discoverableByStaff: false,
    });
  });

  it("answers bad input with translated errors on the fields (400) and changes nothing", async () => {
    const { categories } = await ids();
    const user = await createResident();
    const cookie = await createSession(user);
    await post(cookie, { categoryIds: categories[0]!, reach: "city", commitment: "either", languages: "ja" });
    const before = await storedProfile(user.id);

    const answer = await post(cookie, {
      categoryIds: [categories[0]!, "999999"],
      areaId: "999999",
      reach: "mars",
      commitment: "either",
      role: "boss",
      availability: ["mon-am", "someday-am"],
      languages: ["ja", "xx"],
      otherSkills: Array.from({ length: 16 }, (_, i) => `特技${i}`).join("、"),
      discoverableByStaff: "on",
    });
    expect(answer.status).toBe(400);
    const data = answer;
    expect(fieldErrors(data.result, "categoryIds")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "areaId")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "reach")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "role")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "availability")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "languages")).toEqual(["errors.invalidChoice"]);
    expect(fieldErrors(data.result, "otherSkills")).toEqual(["profile.errors.tooManySkills"]);

    expect(await storedProfile(user.id)).toEqual(before);
    expect(await prisma.consent.count({ where: { userId: user.id, kind: TALENT_REGISTER_CONSENT } })).toBe(0);

    const tooLong = await post(cookie, { reach: "city", commitment: "either", otherSkills: "あ".repeat(31) });
    expect(fieldErrors(tooLong.result, "otherSkills")).toEqual(["profile.errors.skillTooLong"]);
  });

  it("shows the errors in the reader's language next to their fields", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const app = await renderRoutes(["me.profile"]);
    const response = await app.handle(
      new Request("http://localhost:3000/me/profile?lng=vi", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: form({ reach: "city", commitment: "either", otherSkills: "x".repeat(31) }),
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Mỗi kỹ năng tối đa 30 ký tự");
    expect(html).toMatch(/id="[^"]*otherSkills[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="[^"]*otherSkills/);
    expect(html).toContain("Chưa lưu vì có mục cần sửa");
  });

  it("keeps the talent register off until the resident opts in, records the consent, and lets them withdraw", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const page = await loader({ request: requestWithCookie("/me/profile", cookie), params: {}, context: {} });
    expect(page.values.discoverableByStaff).toBe(false);
    expect((await storedProfile(user.id)).discoverableByStaff).toBe(false);

    // Saving without ticking it keeps it off and records no consent.
    await post(cookie, { reach: "neighbours", commitment: "either" });
    expect((await storedProfile(user.id)).discoverableByStaff).toBe(false);
    expect(await prisma.consent.count({ where: { userId: user.id, kind: TALENT_REGISTER_CONSENT } })).toBe(0);

    await post(cookie, { reach: "neighbours", commitment: "either", discoverableByStaff: "on" });
    expect((await storedProfile(user.id)).discoverableByStaff).toBe(true);
    const granted = await prisma.consent.findMany({ where: { userId: user.id, kind: TALENT_REGISTER_CONSENT }, select: { version: true, method: true, revokedAt: true } });
    expect(granted).toEqual([{ version: expect.any(String), method: "online", revokedAt: null }]);

    // Saving again with it on records nothing new.
    await post(cookie, { reach: "city", commitment: "either", discoverableByStaff: "on" });
    expect(await prisma.consent.count({ where: { userId: user.id, kind: TALENT_REGISTER_CONSENT } })).toBe(1);

    await post(cookie, { reach: "city", commitment: "either" });
    expect((await storedProfile(user.id)).discoverableByStaff).toBe(false);
    const withdrawn = await prisma.consent.findMany({ where: { userId: user.id, kind: TALENT_REGISTER_CONSENT }, select: { revokedAt: true } });
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it("sends visitors without a session to the login page", async () => {
    const answer = await post("", { reach: "city", commitment: "either" });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/login/);
  });
});
