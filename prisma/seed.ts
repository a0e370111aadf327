// Seeds the sample data of prisma/seed-data.ts. Run directly (`npx tsx prisma/seed.ts`, `npm run db:seed`)
// or import `seed` (tests). Idempotent: does nothing when areas already exist.
// Dates are relative to `now` (SEED_NOW when set) so the sample always looks current.
import { databaseFile, deploymentMode, postgresUrl } from "../server/deployment.js";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../app/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../app/generated/prisma-pg/client";
import { expandSchedule, isJapaneseHoliday } from "../app/modules/schedule/recurrence";
import { rebuildSearchIndex } from "../app/modules/search/documents.server";
import { ensureTranslationOpening } from "../app/modules/translation/council.server";
import { addDays, fromTokyo, startOfTokyoDay, tokyoDateKey, tokyoParts, tokyoSlot } from "../app/utils/dates";
import { scheduleSlots } from "../app/modules/schedule/describe";
import { feeColumns } from "../app/modules/fees/fee";
import { createInListOrder, mulberry32 } from "./seed-helpers";
import {
  APPLICATIONS,
  AREAS,
  AUDIENCES,
  CATEGORIES,
  DEMO_PASSWORD,
  EVENTS_ONE_OFF,
  EVENTS_ONE_OFF_B,
  EVENTS_ONE_OFF_C,
  EVENTS_ONE_OFF_D,
  EVENTS_SERIES,
  EVENTS_SERIES_MORE,
  GROUPS,
  OPENINGS_A,
  OPENINGS_B,
  OPENINGS_C,
  OPENINGS_D,
  PLACE_TYPES,
  PLACES_CHUO_DAINI,
  PLACES_FUJIMI,
  PLACES_FUJIMI_SUGISHITA,
  PLACES_PANTRY_OTHER,
  PLACES_SEIBU_KITA,
  PLACES_SOUTHERN_SUNEORI,
  PLAN_MEASURES,
  REGISTRATIONS,
  ROLES,
  USERS,
  planMeasureCode,
  planMeasurePolicy,
  type EventSeed,
  type OpeningSeed,
  type PlaceSeed,
} from "./seed-data";

const PLACES: PlaceSeed[] = [
  ...PLACES_FUJIMI,
  ...PLACES_FUJIMI_SUGISHITA,
  ...PLACES_CHUO_DAINI,
  ...PLACES_SOUTHERN_SUNEORI,
  ...PLACES_SEIBU_KITA,
  ...PLACES_PANTRY_OTHER,
];
const EVENTS: EventSeed[] = [
  ...EVENTS_SERIES,
  ...EVENTS_SERIES_MORE,
  ...EVENTS_ONE_OFF,
  ...EVENTS_ONE_OFF_B,
  ...EVENTS_ONE_OFF_C,
  ...EVENTS_ONE_OFF_D,
];
const OPENINGS: OpeningSeed[] = [...OPENINGS_A, ...OPENINGS_B, ...OPENINGS_C, ...OPENINGS_D];

/** Series are materialised this far ahead. */
const SERIES_DAYS = 182;
const TX_OPTIONS = { timeout: 60_000, maxWait: 10_000 };

function mustGet<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: unknown ${what} "${String(key)}"`);
  return value;
}

function ids<K>(map: Map<K, number>, keys: readonly K[], what: string) {
  return keys.map((k) => ({ id: mustGet(map, k, what) }));
}

/**
 * `people: false` gives what a real deployment starts from: the areas, categories, audiences, place types, plan
 * measures and roles, and nobody with a known password. The default adds the Tsurugashima sample content and the
 * demo people (marked `demo`, so every page says デモ用サイト while they exist).
 */
export async function seed(prisma: PrismaClient, options: { now?: Date; people?: boolean } = {}): Promise<void> {
  if ((await prisma.area.count()) > 0) {
    console.log("seed: database already has data, skipping");
    return;
  }
  const started = Date.now();
  const now = options.now ?? new Date();
  const rand = mulberry32(20260401);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const daysAgo = (n: number) => addDays(now, -n);
  const today = startOfTokyoDay(now);
  /** Tokyo wall-clock "HH:MM" on the day `offset` days from today. */
  const at = (offset: number, time: string) => {
    const p = tokyoParts(addDays(today, offset));
    const [h, m] = time.split(":").map(Number) as [number, number];
    return fromTokyo(p.year, p.month, p.day, h, m);
  };

  // ── 1. Taxonomies ──
  const t = await prisma.$transaction(async (tx) => {
    const roleId = new Map<string, number>();
    for (const r of ROLES) roleId.set(r.name, (await tx.role.create({ data: r })).id);
    const measureId = new Map<number, number>();
    for (const m of PLAN_MEASURES) {
      const row = await tx.planMeasure.create({
        data: {
          code: planMeasureCode(m.number),
          number: m.number,
          policy: planMeasurePolicy(m.number),
          title: m.title,
        },
      });
      measureId.set(m.number, row.id);
    }
    const categoryId = await createInListOrder(CATEGORIES, (c, sortOrder) =>
      tx.category.create({
        data: { slug: c.slug, name: c.name, sortOrder, planMeasures: { connect: ids(measureId, c.measures, "plan measure") } },
      }),
    );
    const audienceId = await createInListOrder(AUDIENCES, (a, sortOrder) => tx.audience.create({ data: { slug: a.slug, name: a.name, sortOrder } }));
    const typeId = await createInListOrder(PLACE_TYPES, (p, sortOrder) => tx.placeType.create({ data: { slug: p.slug, name: p.name, sortOrder } }));
    const areaId = await createInListOrder(AREAS, (a, sortOrder) =>
      tx.area.create({
        data: {
          slug: a.slug,
          name: a.name,
          nameKana: a.nameKana,
          towns: a.towns,
          schoolDistrict: a.schoolDistrict,
          description: a.description,
          sortOrder,
          lat: a.lat,
          lng: a.lng,
        },
      }),
    );
    return { roleId, measureId, categoryId, audienceId, typeId, areaId };
  }, TX_OPTIONS);

  if (options.people === false) {
    await ensureTranslationOpening(prisma);
    console.log(`seed: areas and shared lists only (no demo people) in ${Date.now() - started} ms`);
    return;
  }
  const passwordHash = await hash(DEMO_PASSWORD);

  // ── 2. People and groups ──
  const people = await prisma.$transaction(async (tx) => {
    const userId = new Map<string, number>();
    for (const [i, u] of USERS.entries()) {
      const createdAt = daysAgo(500 - i * 20);
      const user = await tx.user.create({
        data: {
          email: u.email.normalize("NFKC").toLowerCase(),
          demo: true,
          emailVerifiedAt: createdAt,
          name: u.name,
          nameKana: u.nameKana,
          locale: u.locale,
          createdAt,
          lastLoginAt: daysAgo(between(0, 20)),
          password: { create: { hash: passwordHash } },
          roles: {
            create: u.roles.map((r) => ({
              roleId: mustGet(t.roleId, r, "role"),
              createdAt,
            })),
          },
          profile: {
            create: {
              areaId: mustGet(t.areaId, u.area, "area"),
              bio: u.bio ?? "",
              skills: u.skills ?? "",
              languages: u.languages ?? ",ja,",
              availability: u.availability ?? 0,
              prefersAtHome: u.prefersAtHome ?? false,
              prefersBeginner: u.prefersBeginner ?? false,
              discoverableByStaff: u.discoverableByStaff ?? false,
              furigana: u.showFurigana ? "on" : "",
              textSize: u.largeText ? "large" : "normal",
              phone: u.phone ?? "",
              birthYear: u.birthYear ?? null,
              interests: {
                connect: ids(t.categoryId, u.interests ?? [], "category"),
              },
            },
          },
          consents: {
            create: [
              {
                kind: "privacy-notice",
                version: "2026-04",
                grantedAt: createdAt,
              },
              ...(u.discoverableByStaff
                ? [
                    {
                      kind: "talent-register",
                      version: "2026-04",
                      grantedAt: createdAt,
                    },
                  ]
                : []),
            ],
          },
        },
      });
      userId.set(u.key, user.id);
    }
    const groupId = new Map<string, number>();
    const groupOwner = new Map<string, number>();
    for (const g of GROUPS) {
      const approvedAt = g.approvedDaysAgo !== undefined ? daysAgo(g.approvedDaysAgo) : null;
      const createdAt = daysAgo((g.approvedDaysAgo ?? 3) + between(2, 14));
      const owner = mustGet(userId, g.owner, "user");
      const row = await tx.group.create({
        data: {
          name: g.name,
          nameKana: g.nameKana,
          description: g.description,
          kind: g.kind,
          areaId: mustGet(t.areaId, g.area, "area"),
          contactName: g.contactName,
          contactEmail: g.contactEmail,
          contactPhone: g.contactPhone,
          website: g.website ?? "",
          status: g.status,
          createdAt,
          approvedAt,
          members: {
            create: [
              { userId: owner, role: "owner", createdAt },
              ...(g.editors ?? []).map((e) => ({
                userId: mustGet(userId, e, "user"),
                role: "editor",
                createdAt,
              })),
            ],
          },
        },
      });
      groupId.set(g.key, row.id);
      groupOwner.set(g.key, owner);
    }
    return { userId, groupId, groupOwner };
  }, TX_OPTIONS);

  const groupByKey = new Map(GROUPS.map((g) => [g.key, g]));
  const areaBySlug = new Map(AREAS.map((a) => [a.slug, a]));

  // ── 3. Places, events with their dates, openings with their shifts ──
  const content = await prisma.$transaction(async (tx) => {
    const placeId = new Map<string, number>();
    const placeArea = new Map<string, string>();
    for (const p of PLACES) {
      const group = mustGet(groupByKey, p.group, "group");
      const area = mustGet(areaBySlug, p.area, "area");
      const status = p.status ?? "published";
      const createdAt = daysAgo(between(60, 400));
      const row = await tx.place.create({
        data: {
          groupId: mustGet(people.groupId, p.group, "group"),
          typeId: mustGet(t.typeId, p.type, "place type"),
          name: p.name,
          nameKana: p.nameKana,
          summary: p.summary,
          description: p.description,
          areaId: mustGet(t.areaId, p.area, "area"),
          address: p.address,
          showAreaOnly: p.showAreaOnly ?? false,
          lat: Math.round((area.lat + (rand() - 0.5) * 0.012) * 1e5) / 1e5,
          lng: Math.round((area.lng + (rand() - 0.5) * 0.014) * 1e5) / 1e5,
          access: p.access ?? "",
          parking: p.parking ?? "",
          ...feeColumns({ feeKind: p.feeKind, fee: p.fee, feeFreeFor: p.feeFreeFor }),
          feeNote: p.feeNote ?? "",
          bookingRequired: p.booking ?? false,
          bookingNote: p.bookingNote ?? "",
          mealsProvided: p.meals ?? false,
          transportOffered: p.transport ?? false,
          wheelchairAccess: p.wheelchair ?? false,
          accessibleToilet: p.toilet ?? false,
          barrierFreeNote: p.barrierFreeNote ?? "",
          beginnerFriendly: p.beginner ?? true,
          languages: p.languages ?? ",ja,",
          whatToBring: p.whatToBring ?? "",
          contactName: p.contactName ?? group.contactName,
          contactPhone: p.contactPhone ?? group.contactPhone,
          contactEmail: p.contactEmail ?? group.contactEmail,
          website: p.website ?? "",
          scheduleRule: p.schedule?.rule ?? "",
          scheduleStart: p.schedule?.start ?? "",
          ...scheduleSlots(p.schedule?.rule ?? "", p.schedule?.start ?? ""),
          scheduleEnd: p.schedule?.end ?? "",
          skipHolidays: p.schedule?.skipHolidays ?? false,
          scheduleNote: p.schedule?.note ?? "",
          lastConfirmedAt: daysAgo(p.confirmedDaysAgo ?? between(5, 170)),
          status,
          publishedAt: status === "published" || status === "hidden" ? addDays(createdAt, 2) : null,
          createdAt,
          audiences: { connect: ids(t.audienceId, p.audiences, "audience") },
          categories: { connect: ids(t.categoryId, p.categories, "category") },
          planMeasures: {
            connect: ids(t.measureId, p.measures, "plan measure"),
          },
        },
      });
      placeId.set(p.key, row.id);
      placeArea.set(p.key, p.area);
    }

    const eventId = new Map<string, number>();
    /** Dates of each event from now on (one-offs: their single date, even when past). */
    const eventDates = new Map<string, number[]>();
    const seriesFirst = tokyoDateKey(now);
    const seriesLast = tokyoDateKey(addDays(now, SERIES_DAYS));
    const seriesUntil = addDays(today, SERIES_DAYS + 1);
    for (const e of EVENTS) {
      const group = mustGet(groupByKey, e.group, "group");
      const status = e.status ?? "published";
      const createdAt = daysAgo(e.at && e.at.day < 0 ? -e.at.day + between(20, 40) : between(10, 90));
      const area = e.area ?? (e.place ? mustGet(placeArea, e.place, "place") : group.area);
      type DateRow = {
        startsAt: Date;
        endsAt: Date;
        status: string;
        originalStartsAt: Date | null;
        note: string;
      };
      let dates: DateRow[] = [];
      let pausedFrom: Date | null = null;
      let pausedUntil: Date | null = null;
      if (e.series) {
        const occurrences = expandSchedule(
          {
            rule: e.series.rule,
            startTime: e.series.start,
            endTime: e.series.end,
            skipHolidays: e.series.skipHolidays ?? false,
            startDate: seriesFirst,
            endDate: seriesLast,
          },
          now,
          seriesUntil
        );
        dates = occurrences.map((o) => ({
          ...o,
          status: "scheduled",
          originalStartsAt: null,
          note: "",
        }));
        if (e.series.special === "changes") {
          const cancelled = dates[2];
          if (cancelled) {
            cancelled.status = "cancelled";
            cancelled.note = "講師の都合により休みます";
          }
          const moved = dates[4];
          if (moved) {
            // A day later, or the next day that is not a 祝日.
            let shift = 1;
            while (isJapaneseHoliday(addDays(moved.startsAt, shift))) shift += 1;
            moved.originalStartsAt = moved.startsAt;
            moved.startsAt = addDays(moved.startsAt, shift);
            moved.endsAt = addDays(moved.endsAt, shift);
            moved.status = "moved";
            moved.note = "会場の都合により、日にちを変更します";
          }
        }
        if (e.series.special === "pause") {
          pausedFrom = addDays(today, 21);
          pausedUntil = at(50, "23:59");
          for (const d of dates) {
            if (d.startsAt >= pausedFrom && d.startsAt <= pausedUntil) d.status = "paused";
          }
        }
      } else if (e.at) {
        dates = [
          {
            startsAt: at(e.at.day, e.at.start),
            endsAt: at(e.at.day, e.at.end),
            status: "scheduled",
            originalStartsAt: null,
            note: "",
          },
        ];
      }
      const row = await tx.event.create({
        data: {
          groupId: mustGet(people.groupId, e.group, "group"),
          placeId: e.place ? mustGet(placeId, e.place, "place") : null,
          title: e.title,
          titleKana: e.titleKana ?? "",
          summary: e.summary,
          description: e.description,
          areaId: mustGet(t.areaId, area, "area"),
          venueName: e.venueName ?? "",
          venueAddress: e.venueAddress ?? "",
          onlineUrl: e.onlineUrl ?? "",
          ...feeColumns({ feeKind: e.feeKind, fee: e.fee, feeFreeFor: e.feeFreeFor }),
          feeNote: e.feeNote ?? "",
          capacity: e.capacity ?? null,
          registrationRequired: e.registrationRequired ?? e.capacity !== undefined,
          registrationCloseHours: e.registrationCloseHours ?? (e.capacity !== undefined ? 24 : 0),
          phoneRegistration: e.phoneRegistration ?? false,
          beginnerFriendly: e.beginner ?? false,
          languages: e.languages ?? ",ja,",
          whatToBring: e.whatToBring ?? "",
          contactName: group.contactName,
          contactPhone: group.contactPhone,
          contactEmail: group.contactEmail,
          recurrenceRule: e.series?.rule ?? "",
          recurrenceStart: e.series ? seriesFirst : "",
          recurrenceEnd: e.series ? seriesLast : "",
          skipHolidays: e.series?.skipHolidays ?? false,
          pausedFrom,
          pausedUntil,
          status,
          publishedAt: status === "published" || status === "hidden" ? addDays(createdAt, 1) : null,
          createdAt,
          audiences: { connect: ids(t.audienceId, e.audiences, "audience") },
          categories: { connect: ids(t.categoryId, e.categories, "category") },
          planMeasures: {
            connect: ids(t.measureId, e.measures, "plan measure"),
          },
        },
      });
      eventId.set(e.key, row.id);
      const created = await tx.eventDate.createManyAndReturn({
        // Each date carries its own capacity (copied from the event), so "places left" is a per-row comparison.
        data: dates.map((d) => ({ ...d, ...tokyoSlot(d.startsAt), capacity: e.capacity ?? null, eventId: row.id })),
        select: { id: true },
      });
      eventDates.set(
        e.key,
        created.map((d) => d.id)
      );
    }

    const openingId = new Map<string, number>();
    const shiftIds = new Map<string, { id: number; endsAt: Date | null }[]>();
    for (const o of OPENINGS) {
      const group = mustGet(groupByKey, o.group, "group");
      const status = o.status ?? "published";
      const createdAt = daysAgo(between(15, 80));
      const area = o.area ?? (o.place ? mustGet(placeArea, o.place, "place") : group.area);
      const shifts = o.ongoing
        ? [{ startsAt: now, endsAt: null, slots: null, note: "" }]
        : (o.shifts ?? []).map((s) => ({
            startsAt: at(s.day, s.start),
            endsAt: at(s.endDay ?? s.day, s.end),
            slots: s.slots,
            note: s.note ?? "",
          }));
      const row = await tx.opening.create({
        data: {
          groupId: mustGet(people.groupId, o.group, "group"),
          placeId: o.place ? mustGet(placeId, o.place, "place") : null,
          title: o.title,
          titleKana: o.titleKana ?? "",
          summary: o.summary,
          description: o.description,
          purpose: o.purpose,
          areaId: mustGet(t.areaId, area, "area"),
          participationMode: o.mode,
          venueName: o.venueName ?? "",
          venueAddress: o.venueAddress ?? "",
          skills: o.skills ?? "",
          minAge: o.minAge ?? null,
          insuranceRequired: o.insurance ?? false,
          needsApproval: o.needsApproval ?? false,
          ongoing: o.ongoing ?? false,
          beginnerFriendly: o.beginner ?? false,
          schoolFriendly: o.school ?? false,
          languages: o.languages ?? ",ja,",
          whatToBring: o.whatToBring ?? "",
          contactName: group.contactName,
          contactPhone: group.contactPhone,
          contactEmail: group.contactEmail,
          applyBy: o.applyByDay !== undefined ? at(o.applyByDay, "23:59") : null,
          status,
          publishedAt: status === "draft" || status === "pending" ? null : addDays(createdAt, 1),
          createdAt,
          categories: { connect: ids(t.categoryId, o.categories, "category") },
          audiences: { connect: ids(t.audienceId, o.audiences, "audience") },
          planMeasures: {
            connect: ids(t.measureId, o.measures, "plan measure"),
          },
        },
      });
      openingId.set(o.key, row.id);
      const rows = await tx.shift.createManyAndReturn({
        data: shifts.map((s) => ({ ...s, ...tokyoSlot(s.startsAt), openingId: row.id })),
        select: { id: true, endsAt: true },
      });
      shiftIds.set(o.key, rows);
    }
    return { placeId, eventId, eventDates, openingId, shiftIds };
  }, TX_OPTIONS);

  // ── 4. Participation and translations ──
  await prisma.$transaction(async (tx) => {
    const openingByKey = new Map(OPENINGS.map((o) => [o.key, o]));
    const accepted = new Map<number, number>();
    for (const a of APPLICATIONS) {
      const shift = mustGet(content.shiftIds, a.opening, "opening")[a.shift];
      if (!shift) throw new Error(`seed: opening "${a.opening}" has no shift ${a.shift}`);
      const opening = mustGet(openingByKey, a.opening, "opening");
      const shares = a.status !== "withdrawn" && a.status !== "declined";
      const createdAt = a.status === "attended" && shift.endsAt ? addDays(shift.endsAt, -7) : daysAgo(between(1, 10));
      await tx.application.create({
        data: {
          shiftId: shift.id,
          userId: mustGet(people.userId, a.user, "user"),
          status: a.status,
          message: a.message ?? "",
          consentToShareContact: shares,
          consentAt: shares ? createdAt : null,
          hours: a.hours ?? null,
          hoursVerifiedAt: a.hours !== undefined && shift.endsAt ? addDays(shift.endsAt, 1) : null,
          hoursVerifiedById: a.hours !== undefined ? mustGet(people.groupOwner, opening.group, "group") : null,
          createdAt,
        },
      });
      if (a.status === "accepted" || a.status === "attended") accepted.set(shift.id, (accepted.get(shift.id) ?? 0) + 1);
    }
    for (const [shiftId, count] of accepted)
      await tx.shift.update({
        where: { id: shiftId },
        data: { acceptedCount: count },
      });

    const registered = new Map<number, number>();
    for (const r of REGISTRATIONS) {
      const dateId = mustGet(content.eventDates, r.event, "event")[r.date];
      if (dateId === undefined) throw new Error(`seed: event "${r.event}" has no date ${r.date}`);
      const partySize = r.partySize ?? 1;
      const createdAt = daysAgo(between(1, 7));
      await tx.registration.create({
        data: {
          eventDateId: dateId,
          userId: mustGet(people.userId, r.user, "user"),
          partySize,
          status: r.status,
          consentToShareContact: r.status !== "withdrawn",
          consentAt: r.status !== "withdrawn" ? createdAt : null,
          createdAt,
        },
      });
      if (r.status === "accepted") registered.set(dateId, (registered.get(dateId) ?? 0) + partySize);
    }
    for (const [id, count] of registered)
      await tx.eventDate.update({
        where: { id },
        data: { registeredCount: count },
      });

    type Row = {
      entityType: string;
      entityId: number;
      field: string;
      locale: string;
      value: string;
    };
    const rows: Row[] = [];
    const add = (entityType: string, entityId: number, fields: Record<string, string>, locale = "en") => {
      for (const [field, value] of Object.entries(fields)) rows.push({ entityType, entityId, field, locale, value });
    };
    for (const a of AREAS) add("area", mustGet(t.areaId, a.slug, "area"), a.en);
    for (const c of CATEGORIES)
      add("category", mustGet(t.categoryId, c.slug, "category"), {
        name: c.en,
      });
    for (const a of AUDIENCES)
      add("audience", mustGet(t.audienceId, a.slug, "audience"), {
        name: a.en,
      });
    for (const p of PLACE_TYPES)
      add("place-type", mustGet(t.typeId, p.slug, "place type"), {
        name: p.en,
      });
    for (const m of PLAN_MEASURES)
      add("plan-measure", mustGet(t.measureId, m.number, "plan measure"), {
        title: m.en,
      });
    for (const g of GROUPS) if (g.en) add("group", mustGet(people.groupId, g.key, "group"), g.en);
    for (const p of PLACES) {
      const id = mustGet(content.placeId, p.key, "place");
      if (p.en) add("place", id, p.en);
      if (p.easy) add("place", id, { summary: p.easy }, "ja-x-easy");
    }
    for (const e of EVENTS) if (e.en) add("event", mustGet(content.eventId, e.key, "event"), e.en);
    for (const o of OPENINGS) if (o.en) add("opening", mustGet(content.openingId, o.key, "opening"), o.en);
    await tx.translation.createMany({
      data: rows.map((r) => ({
        ...r,
        source: "organizer",
        status: "approved",
        createdAt: daysAgo(5),
      })),
    });
  }, TX_OPTIONS);

  // The council's own 翻訳・やさしい日本語ボランティア (after the sample groups, which keep their ids).
  await ensureTranslationOpening(prisma);
  // Residents find all of it through one search box: index what was just published.
  await rebuildSearchIndex(prisma);

  console.log(
    `seed: ${PLACES.length} places, ${EVENTS.length} events, ${OPENINGS.length} openings, ${
      USERS.length
    } users (now ${now.toISOString()}) in ${Date.now() - started} ms`
  );
}

/** The database the portal runs on: PostgreSQL when DATABASE_URL says so (the same models), else the SQLite file. */
function connect(): PrismaClient {
  const url = postgresUrl(process.env);
  if (url)
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${databaseFile(process.env)}` }) });
}

async function main() {
  const prisma = connect();
  try {
    const now = process.env.SEED_NOW ? new Date(process.env.SEED_NOW) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`seed: SEED_NOW is not a date: ${process.env.SEED_NOW}`);
    // The same rule as `npm start`: demo people only on a loopback-bound setup or when SEED=demo says so.
    const mode = deploymentMode(process.env);
    if (mode.seed === "0") return;
    await seed(prisma, { now, people: mode.seed === "demo" });
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
