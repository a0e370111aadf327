import Database from "better-sqlite3";
import { E2E_DATABASE as DB, test, expect } from "./fixtures";
import { sqliteTime } from "../support/session-rows";

// SECURITY.md §3 items 1–3, 6 and 19 in a real browser: hostile text stored in every field that pages show (a
// group's name and description, a place's, an event's and an opening's texts, a translation, a volunteer's name)
// is shown as text on every page that shows it, public, organiser and staff. A payload that ran would open a dialog
// or set window.__xss; either fails the test.

const RUN = Date.now();
const payloads = (field: string) =>
  [
    `<img src=x onerror="window.__xss='${field}';alert(1)">${field}こんにちは`,
    `"><svg/onload="window.__xss='${field}'">`,
    `</script><script>window.__xss='${field}'</script>`,
    `＜script＞alert(1)＜/script＞\u202e${RUN}`,
  ].join(" ");

type Row = Record<string, unknown>;
/** A copy of row `id` of `table` with `changes`, every other column as it was (ids of new rows come back). */
function copyRow(db: Database.Database, table: string, id: number, changes: Row): number {
  const columns = (db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]).map((c) => c.name).filter((c) => c !== "id");
  const select = columns.map((c) => (c in changes ? "?" : `"${c}"`)).join(", ");
  const values = columns.filter((c) => c in changes).map((c) => changes[c]);
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT ${select} FROM "${table}" WHERE id = ?`;
  return Number(db.prepare(sql).run(...values, id).lastInsertRowid);
}

test("hostile text stored in every displayed field runs nowhere: public pages, the organiser's and staff's", async ({ browser, baseURL, login }) => {
  test.setTimeout(90_000);
  const db = new Database(DB);
  db.pragma("busy_timeout = 5000");
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
  const ids = db.transaction(() => {
    const organiser = copyRow(db, "User", one(`SELECT id FROM "User" WHERE email = 'owner@example.jp'`), { email: `xss-owner-${RUN}@example.jp`, name: payloads("organiser") });
    const volunteer = copyRow(db, "User", one(`SELECT id FROM "User" WHERE email = 'resident@example.jp'`), { email: `xss-resident-${RUN}@example.jp`, name: payloads("volunteer") });
    db.prepare(`INSERT INTO "UserRole" ("userId", "roleId") SELECT ?, "roleId" FROM "UserRole" WHERE "userId" = (SELECT id FROM "User" WHERE email = 'resident@example.jp')`).run(volunteer);
    db.prepare(`INSERT INTO "UserRole" ("userId", "roleId") SELECT ?, "roleId" FROM "UserRole" WHERE "userId" = (SELECT id FROM "User" WHERE email = 'owner@example.jp')`).run(organiser);
    const group = copyRow(db, "Group", 1, { name: payloads("group"), description: payloads("groupDescription"), contactName: payloads("contact"), status: "approved" });
    db.prepare(`INSERT INTO "GroupMember" ("groupId", "userId", "role") VALUES (?, ?, 'owner')`).run(group, organiser);
    const place = copyRow(db, "Place", one(`SELECT id FROM "Place" WHERE "groupId" = 1 AND status = 'published' AND "scheduleRule" <> ''`), {
      groupId: group,
      name: payloads("place"),
      summary: payloads("placeSummary"),
      description: payloads("placeDescription"),
      parking: payloads("parking"),
      feeNote: payloads("feeNote"),
    });
    const event = copyRow(db, "Event", one(`SELECT id FROM "Event" WHERE "groupId" = 1 AND status = 'published' AND EXISTS (SELECT 1 FROM "EventDate" d WHERE d."eventId" = "Event".id)`), { groupId: group, title: payloads("event"), description: payloads("eventDescription"), venueName: payloads("venue") });
    const when = sqliteTime(new Date(Date.now() + 10 * 86_400_000));
    const until = sqliteTime(new Date(Date.now() + 10 * 86_400_000 + 7_200_000));
    const now = sqliteTime(new Date());
    const sourceEvent = one(`SELECT id FROM "Event" WHERE "groupId" = 1 AND status = 'published' AND EXISTS (SELECT 1 FROM "EventDate" d WHERE d."eventId" = "Event".id)`);
    copyRow(db, "EventDate", one(`SELECT id FROM "EventDate" WHERE "eventId" = ? LIMIT 1`, sourceEvent), { eventId: event, startsAt: when, endsAt: until });
    const sourceOpening = one(`SELECT id FROM "Opening" WHERE "groupId" = 1 AND status = 'published' AND EXISTS (SELECT 1 FROM "Shift" s WHERE s."openingId" = "Opening".id)`);
    const opening = copyRow(db, "Opening", sourceOpening, { groupId: group, title: payloads("opening"), description: payloads("openingDescription"), purpose: payloads("purpose"), skills: payloads("skills") });
    const shift = copyRow(db, "Shift", one(`SELECT id FROM "Shift" WHERE "openingId" = ? LIMIT 1`, sourceOpening), { openingId: opening, startsAt: when, endsAt: until });
    db.prepare(`INSERT INTO "Application" ("shiftId", "userId", "status", "message", "createdAt", "updatedAt") VALUES (?, ?, 'applied', ?, ?, ?)`).run(shift, volunteer, payloads("applicationMessage"), now, now);
    db.prepare(`INSERT INTO "Translation" ("entityType", "entityId", "field", "locale", "value", "updatedAt") VALUES ('place', ?, 'name', 'en', ?, ?)`).run(place, payloads("translation"), now);
    return { organiser, volunteer, group, place, event, opening };
  })();

  const watch = async (email?: string) => {
    const context = await browser.newContext({ baseURL });
    if (email) await login(email, { context });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return { page, dialogs };
  };
  const visit = async ({ page, dialogs }: Awaited<ReturnType<typeof watch>>, path: string, shows?: string) => {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(500);
    if (shows) await expect(page.getByText(shows, { exact: false }).first(), `${path} shows the stored text`).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null), `${path} ran a stored payload`).toBeNull();
    expect(await page.locator("img[src=x], svg[onload], script:not([src]):has-text('__xss')").count(), `${path} has the payload as markup`).toBe(0);
    expect(dialogs, `${path} opened a dialog`).toEqual([]);
  };

  const visitor = await watch();
  for (const [path, shows] of [
    [`/places/${ids.place}`, "placeDescriptionこんにちは"],
    [`/events/${ids.event}`, "eventDescriptionこんにちは"],
    [`/volunteer/${ids.opening}`, "openingDescriptionこんにちは"],
    [`/places/${ids.place}/flyer`, "placeこんにちは"],
    [`/events/${ids.event}/flyer`, "eventこんにちは"],
    [`/volunteer/${ids.opening}/flyer`, "openingこんにちは"],
    [`/places/${ids.place}?lang=en`, undefined],
    ["/", undefined],
    ["/places", undefined],
    ["/events", undefined],
    ["/volunteer", undefined],
    ["/search?q=こんにちは", undefined],
    ["/print/month", undefined],
    ["/match?like=elderly", undefined],
  ] as const) {
    await visit(visitor, path, shows);
  }

  const organiser = await watch(`xss-owner-${RUN}@example.jp`);
  for (const [path, shows] of [
    [`/manage/groups/${ids.group}`, "groupこんにちは"],
    [`/manage/groups/${ids.group}/profile`, undefined],
    [`/manage/groups/${ids.group}/places/${ids.place}`, undefined],
    [`/manage/groups/${ids.group}/places/${ids.place}/translations`, undefined],
    [`/manage/groups/${ids.group}/events/${ids.event}`, undefined],
    [`/manage/groups/${ids.group}/events/${ids.event}/registrations`, undefined],
    [`/manage/groups/${ids.group}/openings/${ids.opening}`, undefined],
    [`/manage/groups/${ids.group}/openings/${ids.opening}/applicants`, "volunteerこんにちは"],
  ] as const) {
    await visit(organiser, path, shows);
  }

  const staff = await watch("staff@example.jp");
  for (const [path, shows] of [
    [`/staff/groups/${ids.group}`, "groupこんにちは"],
    [`/staff/groups?q=${encodeURIComponent("こんにちは")}`, undefined],
    [`/staff/people/${ids.volunteer}`, "volunteerこんにちは"],
    [`/staff/people?q=${encodeURIComponent("こんにちは")}`, undefined],
    [`/staff/openings/${ids.opening}/people`, undefined],
    ["/staff/audit", undefined],
  ] as const) {
    await visit(staff, path, shows);
  }

  const volunteer = await watch(`xss-resident-${RUN}@example.jp`);
  // The name is the value of the profile form's field there (attribute-bound: SECURITY.md §3 item 2).
  await visit(volunteer, "/me");
  await visit(volunteer, `/translate/place/${ids.place}?lang=en`);
  db.close();
});

test("a JSON or text/plain body where a form is expected is refused, not a server error", async ({ request, baseURL }) => {
  for (const [type, data] of [
    ["application/json", JSON.stringify({ intent: "save", title: "x", status: "approved" })],
    ["text/plain", "intent=save&title=x"],
  ] as const) {
    const res = await request.post("/report/place/1", { headers: { "Content-Type": type, Origin: new URL(baseURL!).origin }, data });
    expect(res.status(), type).toBe(400);
  }
});
