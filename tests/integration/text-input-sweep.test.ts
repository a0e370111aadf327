import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { addDays, tokyoDateKey } from "~/utils/dates";
import { action as signupAction } from "~/routes/signup";
import * as me from "~/routes/me._index";
import * as manageHome from "~/routes/manage._index";
import * as groupProfile from "~/routes/manage.groups.$groupId.profile";
import * as newPlace from "~/routes/manage.groups.$groupId.places.new";
import * as editPlace from "~/routes/manage.groups.$groupId.places.$placeId";
import * as newEvent from "~/routes/manage.groups.$groupId.events.new";
import * as editEvent from "~/routes/manage.groups.$groupId.events.$eventId";
import * as newOpening from "~/routes/manage.groups.$groupId.openings.new";
import * as editOpening from "~/routes/manage.groups.$groupId.openings.$openingId";
import * as applicants from "~/routes/manage.groups.$groupId.openings.$openingId_.applicants";
import { loader as searchLoader } from "~/routes/search";
import { findMatches } from "~/modules/db/search.server";
import { ORIGIN, TEST_PASSWORD, actionAnswer, ipFactory, postForm, uniqueEmail } from "../support/auth";
import { createResident, createSession } from "../support/factories";

// Every form refuses nonsense the same way (SECURITY.md rows 26–27, §3 items 10, 19–21): each required text field
// of each form gets values that are blank to a reader (only invisible or format characters), values holding
// control characters, and values over the limit in code points. Each must come back as a 400 with a translated
// error on that field and leave the database as it was.

type Fields = Record<string, string>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
type Reply = { status?: string; error?: Record<string, string[] | null> };

const nextIp = ipFactory(91);
const day = (n: number) => tokyoDateKey(addDays(new Date(), n));

const BLANK = "errors.required";
const CONTROL = "errors.invalidCharacters";
const LONG = "errors.tooLong";

/** [what, value for a field of at most `max` code points, expected error]. */
const BAD: [string, (max: number) => string, string][] = [
  ["a word joiner only (U+2060)", () => "\u2060", BLANK],
  ["a zero-width space only", () => "\u200b", BLANK],
  ["BOM, zero-width space and an ideographic space", () => "\ufeff\u200b\u3000 ", BLANK],
  ["invisible operators and a Mongolian vowel separator", () => "\u2061\u2062\u2063\u2064\u180e", BLANK],
  ["Hangul fillers only", () => "\u3164\u115f\u1160\uffa0", BLANK],
  ["a variation selector and tag characters only", () => "\ufe0f\u{e0041}\u{e0042}", BLANK],
  ["bidi overrides and isolates only", () => "\u202e\u2066\u2069\u200e", BLANK],
  ["a NUL inside", () => "山田\u0000花子", CONTROL],
  ["an escape sequence", () => "山田\u001b[31m花子", CONTROL],
  ["a C1 control (U+0085)", () => "山田\u0085花子", CONTROL],
  ["one 𠮷 over the limit", (max) => "𠮷".repeat(max + 1), LONG],
];

function errorsOf(data: unknown): Record<string, string[]> {
  const reply = ((data as { result?: Reply })?.result ?? data) as Reply | undefined;
  return Object.fromEntries(Object.entries(reply?.error ?? {}).map(([k, v]) => [k, v ?? []]));
}

async function post(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie?: string) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  headers.set(CLIENT_IP_HEADER, nextIp());
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  try {
    const out = await action({ request, params, context: {} });
    return out instanceof Response ? { status: out.status, data: undefined } : actionAnswer(out);
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: undefined };
    throw error;
  }
}

async function defaultsOf(loader: Loader, url: string, params: Record<string, string>, cookie: string): Promise<Fields> {
  const data = (await loader({ request: new Request(`${ORIGIN}${url}`, { headers: { Cookie: cookie } }), params, context: {} })) as { defaults: Record<string, unknown> };
  const fields: Fields = {};
  for (const [k, v] of Object.entries(data.defaults)) {
    if (typeof v === "string" || typeof v === "number") fields[k] = String(v);
    else if (typeof v === "boolean" && v) fields[k] = "on";
  }
  return fields;
}

/** One form: how to send a value in one of its required text fields, and what in the database it may change. */
type Form = { name: string; fields: { field: string; max: number }[]; send: (field: string, value: string) => Promise<{ status: number; data: unknown }>; snapshot: () => Promise<unknown> };

let owner = "";
let resident = { id: 0, cookie: "" };
const forms: Form[] = [];
const G1 = { groupId: "1" };

beforeAll(async () => {
  const ownerRow = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.jp" }, select: { id: true } });
  owner = await createSession(ownerRow);
  const user = await createResident({ name: "試験 住民" });
  resident = { id: user.id, cookie: await createSession(user) };
  const [type, place, event, opening] = await Promise.all([
    prisma.placeType.findFirstOrThrow({ select: { id: true } }),
    prisma.place.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } }),
    prisma.event.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } }),
    prisma.opening.findFirstOrThrow({ where: { groupId: 1, shifts: { some: {} } }, select: { id: true, shifts: { select: { id: true }, take: 1 } } }),
  ]);
  const group = { name: "鶴ヶ島 試験の会", nameKana: "ツルガシマ シケンノカイ", kind: "市民活動団体", contactName: "試験 花子", contactEmail: "kai@example.jp" };
  const groupRow = () => prisma.group.findUniqueOrThrow({ where: { id: 1 }, select: { name: true, nameKana: true, contactName: true } });
  const placeUrl = `/manage/groups/1/places/${place.id}`;
  const eventUrl = `/manage/groups/1/events/${event.id}`;
  const openingUrl = `/manage/groups/1/openings/${opening.id}`;
  const placeDefaults = await defaultsOf(editPlace.loader, placeUrl, { ...G1, placeId: String(place.id) }, owner);
  const eventDefaults = await defaultsOf(editEvent.loader, eventUrl, { ...G1, eventId: String(event.id) }, owner);
  const openingDefaults = await defaultsOf(editOpening.loader, openingUrl, { ...G1, openingId: String(opening.id) }, owner);
  const counts = (model: "place" | "event" | "opening") => (prisma[model] as unknown as { count: (a: object) => Promise<number> }).count({ where: { groupId: 1 } });
  const newEventFields = { intent: "save", kind: "once", date: day(10), startTime: "10:00", endTime: "12:00", languages: "ja" };
  const newOpeningFields = { intent: "save", participationMode: "in-person", "shifts[0].date": day(7), "shifts[0].start": "09:00", "shifts[0].end": "12:00", "shifts[0].slots": "3" };

  forms.push(
    {
      name: "signup",
      fields: [{ field: "name", max: 50 }],
      send: async (field, value) => {
        const email = uniqueEmail("sweep");
        const out = await postForm(signupAction, "/signup", { name: "山田 花子", email, password: TEST_PASSWORD, agree: "on", [field]: value }, { ip: nextIp() });
        return { status: out.status, data: out.data };
      },
      snapshot: () => prisma.user.count({ where: { email: { contains: "sweep-" } } }),
    },
    {
      name: "/me profile",
      fields: [{ field: "name", max: 50 }],
      send: (field, value) => post(me.action, "/me", {}, { intent: "profile", name: "試験 住民", locale: "ja", [field]: value }, resident.cookie),
      snapshot: () => prisma.user.findUniqueOrThrow({ where: { id: resident.id }, select: { name: true } }),
    },
    {
      name: "group registration",
      fields: [
        { field: "name", max: 100 },
        { field: "nameKana", max: 100 },
        { field: "contactName", max: 50 },
      ],
      send: (field, value) => post(manageHome.action, "/manage", {}, { intent: "register", ...group, [field]: value }, resident.cookie),
      snapshot: () => prisma.groupMember.count({ where: { userId: resident.id } }),
    },
    {
      name: "group profile",
      fields: [
        { field: "name", max: 100 },
        { field: "nameKana", max: 100 },
        { field: "contactName", max: 50 },
      ],
      send: (field, value) => post(groupProfile.action, "/manage/groups/1/profile", G1, { intent: "save", ...group, [field]: value }, owner),
      snapshot: groupRow,
    },
    {
      name: "new place",
      fields: [
        { field: "name", max: 100 },
        { field: "nameKana", max: 100 },
      ],
      send: (field, value) => post(newPlace.action, "/manage/groups/1/places/new", G1, { intent: "save", name: "試験の場", nameKana: "しけんのば", typeId: String(type.id), [field]: value }, owner),
      snapshot: () => counts("place"),
    },
    {
      name: "place edit",
      fields: [
        { field: "name", max: 100 },
        { field: "nameKana", max: 100 },
      ],
      send: (field, value) => post(editPlace.action, placeUrl, { ...G1, placeId: String(place.id) }, { ...placeDefaults, intent: "save", [field]: value }, owner),
      snapshot: () => prisma.place.findUniqueOrThrow({ where: { id: place.id } }),
    },
    {
      name: "new event",
      fields: [{ field: "title", max: 100 }],
      send: (field, value) => post(newEvent.action, "/manage/groups/1/events/new", G1, { ...newEventFields, title: "試験の会", [field]: value }, owner),
      snapshot: () => counts("event"),
    },
    {
      name: "event edit",
      fields: [{ field: "title", max: 100 }],
      send: (field, value) => post(editEvent.action, eventUrl, { ...G1, eventId: String(event.id) }, { ...eventDefaults, intent: "save", [field]: value }, owner),
      snapshot: () => prisma.event.findUniqueOrThrow({ where: { id: event.id } }),
    },
    {
      name: "new opening",
      fields: [{ field: "title", max: 100 }],
      send: (field, value) => post(newOpening.action, "/manage/groups/1/openings/new", G1, { ...newOpeningFields, title: "試験の募集", [field]: value }, owner),
      snapshot: () => counts("opening"),
    },
    {
      name: "opening edit",
      fields: [{ field: "title", max: 100 }],
      send: (field, value) => post(editOpening.action, openingUrl, { ...G1, openingId: String(opening.id) }, { ...openingDefaults, intent: "save", [field]: value }, owner),
      snapshot: () => prisma.opening.findUniqueOrThrow({ where: { id: opening.id } }),
    },
  );

  // A message to a shift's volunteers is refused with one form-level message (the page shows it as its notice).
  forms.push({
    name: "message to a shift's volunteers",
    fields: [{ field: "message", max: 1000 }],
    send: async (field, value) => {
      const out = await post(applicants.action, `${openingUrl}/applicants`, { ...G1, openingId: String(opening.id) }, { intent: "message", shiftId: String(opening.shifts[0]!.id), [field]: value }, owner);
      const answer = out.data as { message?: string; result?: Reply } | undefined;
      const notice = answer?.result?.error?.[""]?.[0] ?? answer?.message;
      return { status: out.status, data: notice === "manageApplicants.messageSent" ? {} : { error: { [field]: [notice ?? ""] } } };
    },
    snapshot: () => prisma.emailOutbox.count(),
  });
});

const translated = (key: string) => ["ja", "en"].every((lng) => serverI18n.getFixedT(lng, "common")(key) !== key);

describe("every form refuses invisible, control-character and over-long text the same way", () => {
  it("refuses each bad value in each required text field with a translated error and changes nothing", async () => {
    expect(forms.length).toBeGreaterThanOrEqual(11);
    const failures: string[] = [];
    for (const form of forms) {
      for (const { field, max } of form.fields) {
        for (const [what, make, expected] of BAD) {
          const before = await form.snapshot();
          const out = await form.send(field, make(max));
          const errors = errorsOf(out.data)[field] ?? [];
          const after = await form.snapshot();
          const label = `${form.name} ${field}: ${what}`;
          const expectedError = form.name.startsWith("message") ? "manageApplicants.messageInvalid" : expected;
          if (out.status !== 400 || errors[0] !== expectedError) failures.push(`${label} → status ${out.status}, errors ${JSON.stringify(errors)}`);
          else if (!translated(errors[0]!)) failures.push(`${label} → ${errors[0]} is not translated in both languages`);
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${label} → the database changed`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("still accepts the same forms with real text, so the refusals above are about the value", async () => {
    const profile = forms.find((f) => f.name === "/me profile")!;
    expect((await profile.send("name", "\u2060試験\u200b 住民\ufeff")).status).toBe(302);
    expect(await profile.snapshot()).toEqual({ name: "試験 住民" });
    const event = forms.find((f) => f.name === "new event")!;
    const before = (await event.snapshot()) as number;
    // Joiners inside emoji and ideographic variation selectors are part of what is written, and kept.
    expect((await event.send("title", "👨‍👩‍👧‍👦の集い 渡邊󠄄さん")).status).toBe(302);
    expect(await event.snapshot()).toBe(before + 1);
    expect(await prisma.event.findFirst({ where: { groupId: 1, title: "👨‍👩‍👧‍👦の集い 渡邊󠄄さん" }, select: { id: true } })).not.toBeNull();
    expect((await event.send("title", "𠮷".repeat(100))).status).toBe(302);
  });

  it("refuses control characters in optional text too", async () => {
    const out = await post(newEvent.action, "/manage/groups/1/events/new", G1, { intent: "save", kind: "once", date: day(10), startTime: "10:00", endTime: "12:00", languages: "ja", title: "試験の会", description: "説明\u0000です", contactEmail: "a\u0000b@example.jp" }, owner);
    expect(errorsOf(out.data)).toMatchObject({ description: [CONTROL], contactEmail: ["errors.emailInvalid"] });
  });
});

describe("search answers every query", () => {
  it.each(["a\u0000b", "\u0000", "こども\u0000食堂", "\u0007\u001b[31m", '"', '"""', "*", "サロン*", "NEAR(a b)", "^サロン", "a OR b", "a:b", "(", "\u2060", "\u200b\u200b\u200b", `a${"𠮷".repeat(60)}`])(
    "/search?q=%j answers 200",
    async (q) => {
      const request = new Request(`${ORIGIN}/search?q=${encodeURIComponent(q)}`);
      const data = (await searchLoader({ request, params: {}, context: {} })) as unknown;
      expect(data).toBeTruthy();
    },
  );

  it("shows the query back without control or invisible characters, cut at 100 characters without splitting one", async () => {
    const show = async (q: string) => {
      const request = new Request(`${ORIGIN}/search?q=${encodeURIComponent(q)}`);
      return ((await searchLoader({ request, params: {}, context: {} })) as { q: string; meta: { title: string } });
    };
    const nul = await show("こども\u0000食堂\u2060");
    expect(nul.q).toBe("こども 食堂");
    expect(nul.meta.title).not.toContain("\u0000");
    expect(nul.meta.title).not.toContain("\u2060");
    const long = await show("𠮷".repeat(150));
    expect(Array.from(long.q)).toHaveLength(100);
    expect(long.q).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("matching itself takes control characters out of terms, whoever builds them", async () => {
    await expect(findMatches(["こども\u0000食堂", "\u0000", "サロ\u0000ン"])).resolves.toBeInstanceOf(Array);
    expect((await findMatches(["サロ\u0000ン"])).length).toBeGreaterThan(0);
  });
});
