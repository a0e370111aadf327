import type { TFunction } from "i18next";
import { prisma } from "~/utils/db.server";
import { REVIEWED_FIELDS, type ItemValues } from "~/modules/publishing/edit-policy";
import type { PublicKind } from "~/modules/publishing/visibility";
import { describeSchedule } from "~/modules/schedule/describe";
import { splitCodes } from "~/modules/listing/codes";
import { getTaxonomy, type Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { describeFee, isFeeKind, kindOfAmount } from "~/modules/fees/fee";
import { formatDay, formatRange, tokyoDateKey } from "~/utils/dates";

// What staff review: an item's or group's fields as readable text, in the order a resident reads them. The same
// text is kept with every decision (ModerationDecision.snapshot), so the next review can show what changed since,
// and a held edit's before/after values (publishing/edit-policy.ts) are written out by the same formatter.

export const REVIEW_KINDS = ["place", "event", "opening", "group"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** One reviewed field as text; `field` names its label (staff.field.<field>). */
export type FieldText = { field: string; text: string };

export type ReviewSubject = {
  kind: ReviewKind;
  id: number;
  title: string;
  status: string;
  group: { id: number; name: string; status: string };
  areaId: number | null;
  fields: FieldText[];
  /** When it was last changed by its group (the queue's order). */
  updatedAt: Date;
};

type Context = { t: TFunction; locale: string; tax: Taxonomy; placeNames: Map<number, string> };

const join = (parts: (string | null | undefined)[], separator = "\n") => parts.filter((p) => p !== null && p !== undefined && p !== "").join(separator);

const names = (items: { id: number; name: string }[], ids: unknown) =>
  (Array.isArray(ids) ? ids : [])
    .map((id) => items.find((i) => i.id === id)?.name)
    .filter(Boolean)
    .join("、");

/** The fee as residents will read it (fees/fee.ts); a value from before fees had kinds reads by its amount. */
function feeText(v: ItemValues, t: TFunction, locale: string): string {
  const amount = v.fee === null || v.fee === undefined ? null : Number(v.fee);
  const kind = isFeeKind(v.feeKind) ? v.feeKind : kindOfAmount(amount);
  return describeFee({ kind, amount, freeFor: typeof v.feeFreeFor === "string" ? v.feeFreeFor : "" }, t, locale);
}

/** A reviewed field (edit-policy.ts) of an item, from the values it covers. */
export function reviewedText(kind: PublicKind, field: string, v: ItemValues, ctx: Context): string {
  const { t, tax } = ctx;
  const area = typeof v.areaId === "number" ? tax.areas.find((a) => a.id === v.areaId)?.name : undefined;
  switch (field) {
    case "name":
      return join([String(v.name ?? v.title ?? ""), v.nameKana || v.titleKana ? `（${String(v.nameKana ?? v.titleKana)}）` : ""], "");
    case "description":
      return join([String(v.description ?? ""), v.purpose ? `${t("staff.field.purpose")}：${String(v.purpose)}` : ""], "\n\n");
    case "contact":
      return join([v.contactName as string, v.contactPhone as string, v.contactEmail as string]);
    case "address":
      if (kind === "place") return join([v.address as string, area ? `${t("staff.field.area")}：${area}` : "", v.showAreaOnly ? t("staff.value.areaOnly") : ""]);
      return join([
        typeof v.placeId === "number" ? `${t("staff.field.place")}：${ctx.placeNames.get(v.placeId) ?? `#${v.placeId}`}` : "",
        v.venueName as string,
        v.venueAddress as string,
        v.onlineUrl as string,
        area ? `${t("staff.field.area")}：${area}` : "",
      ]);
    case "website":
      return String(v.website ?? "");
    case "fee":
      return feeText(v, t, ctx.locale);
    case "audiences":
      return names(tax.audiences, v.audienceIds);
    case "schedule":
      return scheduleText(kind, v, ctx);
    default:
      return "";
  }
}

function scheduleText(kind: PublicKind, v: ItemValues, { t, locale }: Context): string {
  if (kind === "place") {
    return describeSchedule({ rule: String(v.scheduleRule ?? ""), startTime: String(v.scheduleStart ?? ""), endTime: String(v.scheduleEnd ?? ""), skipHolidays: Boolean(v.skipHolidays) }, t);
  }
  if (kind === "event") {
    if (!v.recurrenceRule) return join([String(v.date ?? ""), v.startTime ? `${String(v.startTime)}${t("schedule.to")}${String(v.endTime ?? "")}` : ""], " ");
    const pattern = describeSchedule({ rule: String(v.recurrenceRule), startTime: String(v.startTime ?? ""), endTime: String(v.endTime ?? ""), skipHolidays: Boolean(v.skipHolidays) }, t);
    return join([pattern, v.recurrenceStart || v.recurrenceEnd ? `${String(v.recurrenceStart ?? "")}${t("schedule.to")}${String(v.recurrenceEnd ?? "")}` : ""]);
  }
  const shifts = Array.isArray(v.shifts) ? (v.shifts as string[]) : [];
  const applyBy = v.applyBy ? `${t("staff.field.applyBy")}：${formatDay(new Date(String(v.applyBy)), locale)}` : "";
  return join([v.ongoing ? t("staff.value.ongoing") : shifts.join("\n"), applyBy]);
}

async function context(t: TFunction, locale: string, placeIds: (number | null | undefined)[]): Promise<Context> {
  const ids = placeIds.filter((id): id is number => typeof id === "number");
  const places = ids.length ? await prisma.place.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return { t, locale, tax: await getTaxonomy(locale), placeNames: new Map(places.map((p) => [p.id, p.name])) };
}

const groupSelect = { id: true, name: true, status: true } as const;
const flags = (t: TFunction, entries: [boolean, string][]) => entries.filter(([on]) => on).map(([, key]) => t(key)).join("、");

/** The fields of a place, event, opening or group as staff review them; null when there is no such row. */
export async function reviewSubject(kind: ReviewKind, id: number, t: TFunction, locale: string, now = new Date()): Promise<ReviewSubject | null> {
  switch (kind) {
    case "place": {
      const p = await prisma.place.findUnique({
        where: { id },
        include: { group: { select: groupSelect }, type: { select: { id: true } }, audiences: { select: { id: true } }, categories: { select: { id: true } } },
      });
      if (!p) return null;
      const ctx = await context(t, locale, []);
      const values = { ...p, audienceIds: p.audiences.map((a) => a.id) };
      const r = (field: string) => reviewedText("place", field, values, ctx);
      return {
        kind,
        id,
        title: p.name,
        status: p.status,
        group: p.group,
        areaId: p.areaId,
        updatedAt: p.updatedAt,
        fields: [
          { field: "name", text: r("name") },
          { field: "type", text: names(ctx.tax.placeTypes, [p.typeId]) },
          { field: "summary", text: p.summary },
          { field: "description", text: r("description") },
          { field: "schedule", text: join([r("schedule"), p.scheduleNote]) },
          { field: "address", text: r("address") },
          { field: "access", text: join([p.access, p.parking]) },
          { field: "fee", text: join([r("fee"), p.feeNote], " ") },
          { field: "audiences", text: r("audiences") },
          { field: "categories", text: names(ctx.tax.categories, p.categories.map((c) => c.id)) },
          { field: "contact", text: r("contact") },
          { field: "website", text: r("website") },
          { field: "languages", text: splitCodes(p.languages).join("、") },
          {
            field: "features",
            text: join([
              flags(t, [
                [p.bookingRequired, "staff.value.bookingRequired"],
                [p.mealsProvided, "staff.value.meals"],
                [p.transportOffered, "staff.value.transport"],
                [p.wheelchairAccess, "staff.value.wheelchair"],
                [p.accessibleToilet, "staff.value.toilet"],
                [p.beginnerFriendly, "staff.value.beginner"],
              ]),
              p.barrierFreeNote,
              p.whatToBring,
            ]),
          },
        ],
      };
    }
    case "event": {
      const e = await prisma.event.findUnique({
        where: { id },
        include: {
          group: { select: groupSelect },
          audiences: { select: { id: true } },
          categories: { select: { id: true } },
          dates: { where: { endsAt: { gte: now } }, orderBy: { startsAt: "asc" }, take: 6, select: { startsAt: true, endsAt: true, status: true } },
        },
      });
      if (!e) return null;
      const ctx = await context(t, locale, [e.placeId]);
      const first = e.dates[0];
      const values = { ...e, audienceIds: e.audiences.map((a) => a.id), date: first ? tokyoDateKey(first.startsAt) : "" };
      const r = (field: string) => reviewedText("event", field, values, ctx);
      const dates = e.dates.map((d) => `${formatRange(d.startsAt, d.endsAt, locale)}${d.status === "scheduled" ? "" : `（${t(`staff.value.date.${d.status}`)}）`}`);
      return {
        kind,
        id,
        title: e.title,
        status: e.status,
        group: e.group,
        areaId: e.areaId,
        updatedAt: e.updatedAt,
        fields: [
          { field: "name", text: r("name") },
          { field: "summary", text: e.summary },
          { field: "description", text: r("description") },
          { field: "schedule", text: join([e.recurrenceRule ? r("schedule") : "", ...dates]) },
          { field: "address", text: r("address") },
          { field: "fee", text: join([r("fee"), e.feeNote], " ") },
          { field: "capacity", text: e.capacity === null ? t("staff.value.noLimit") : String(e.capacity) },
          { field: "audiences", text: r("audiences") },
          { field: "categories", text: names(ctx.tax.categories, e.categories.map((c) => c.id)) },
          { field: "contact", text: r("contact") },
          { field: "languages", text: splitCodes(e.languages).join("、") },
          { field: "features", text: join([e.beginnerFriendly ? t("staff.value.beginner") : "", e.whatToBring]) },
        ],
      };
    }
    case "opening": {
      const o = await prisma.opening.findUnique({
        where: { id },
        include: {
          group: { select: groupSelect },
          audiences: { select: { id: true } },
          categories: { select: { id: true } },
          shifts: { where: { status: "open" }, orderBy: { startsAt: "asc" }, take: 8, select: { startsAt: true, endsAt: true, slots: true } },
        },
      });
      if (!o) return null;
      const ctx = await context(t, locale, [o.placeId]);
      const shifts = o.shifts.filter((s) => s.endsAt).map((s) => formatRange(s.startsAt, s.endsAt, locale));
      const values = { ...o, audienceIds: o.audiences.map((a) => a.id), shifts };
      const r = (field: string) => reviewedText("opening", field, values, ctx);
      return {
        kind,
        id,
        title: o.title,
        status: o.status,
        group: o.group,
        areaId: o.areaId,
        updatedAt: o.updatedAt,
        fields: [
          { field: "name", text: r("name") },
          { field: "summary", text: o.summary },
          { field: "description", text: r("description") },
          { field: "schedule", text: r("schedule") },
          { field: "address", text: r("address") },
          { field: "skills", text: o.skills },
          { field: "audiences", text: r("audiences") },
          { field: "categories", text: names(ctx.tax.categories, o.categories.map((c) => c.id)) },
          { field: "contact", text: r("contact") },
          { field: "languages", text: splitCodes(o.languages).join("、") },
          {
            field: "features",
            text: join([
              flags(t, [
                [o.beginnerFriendly, "staff.value.beginner"],
                [o.schoolFriendly, "staff.value.school"],
                [o.insuranceRequired, "staff.value.insurance"],
                [o.needsApproval, "staff.value.needsApproval"],
              ]),
              o.minAge ? t("staff.value.minAge", { age: o.minAge }) : "",
              o.whatToBring,
            ]),
          },
        ],
      };
    }
    case "group": {
      const g = await prisma.group.findUnique({ where: { id } });
      if (!g) return null;
      const tax = await getTaxonomy(locale);
      return {
        kind,
        id,
        title: g.name,
        status: g.status,
        group: { id: g.id, name: g.name, status: g.status },
        areaId: g.areaId,
        updatedAt: g.updatedAt,
        fields: [
          { field: "name", text: join([g.name, g.nameKana ? `（${g.nameKana}）` : ""], "") },
          { field: "groupKind", text: g.kind },
          { field: "area", text: names(tax.areas, [g.areaId]) },
          { field: "description", text: g.description },
          { field: "contact", text: join([g.contactName, g.contactPhone, g.contactEmail]) },
          { field: "website", text: g.website },
        ],
      };
    }
  }
}

/** Held changes (publishing/revisions.server.ts) written out: each reviewed field before and after. */
export async function heldChangeTexts(
  kind: PublicKind,
  changes: { field: string; before: ItemValues; after: ItemValues }[],
  t: TFunction,
  locale: string,
): Promise<{ field: string; before: string; after: string }[]> {
  const placeIds = changes.flatMap((c) => [c.before.placeId, c.after.placeId]) as (number | null)[];
  const ctx = await context(t, locale, placeIds);
  const fields = REVIEWED_FIELDS[kind] as Record<string, readonly string[]>;
  return changes.filter((c) => c.field in fields).map((c) => ({ field: c.field, before: reviewedText(kind, c.field, c.before, ctx), after: reviewedText(kind, c.field, c.after, ctx) }));
}

/** Fields compared with the text kept at the last decision: which changed, and what they said then. */
export function compareWithSnapshot(fields: FieldText[], snapshot: FieldText[] | null): { field: string; text: string; before: string | null; changed: boolean }[] {
  const previous = new Map((snapshot ?? []).map((f) => [f.field, f.text]));
  return fields.map((f) => {
    const before = snapshot ? (previous.get(f.field) ?? "") : null;
    return { ...f, before, changed: before !== null && before !== f.text };
  });
}
