import type { PublicKind } from "./visibility";

// Which changes to a published item wait for staff (issue 10; ADR 013). An editor's wording fixes stay live at
// once, but a change to what a resident relies on to decide and to find the place (its name, what it is, how to
// reach the people behind it, where, what it costs, who it is for, when) waits for staff while the approved
// version stays public. Each reviewed field names the values it covers: the item's columns and, where the
// schedule lives elsewhere (an event's dates, an opening's shifts), the form's own schedule fields.
//
// Everything not listed here is a wording field and is saved live: summary, access, parking, fee note,
// barrier-free facts and note, what to bring, schedule note, languages, categories, type, booking flags and note.

export const REVIEWED_FIELDS = {
  place: {
    name: ["name", "nameKana"],
    description: ["description"],
    contact: ["contactName", "contactPhone", "contactEmail"],
    address: ["address", "areaId", "showAreaOnly"],
    website: ["website"],
    fee: ["feeKind", "fee", "feeFreeFor"],
    audiences: ["audienceIds"],
    schedule: ["scheduleRule", "scheduleStart", "scheduleEnd", "skipHolidays"],
  },
  event: {
    name: ["title", "titleKana"],
    description: ["description"],
    contact: ["contactName", "contactPhone", "contactEmail"],
    address: ["placeId", "areaId", "venueName", "venueAddress", "onlineUrl"],
    fee: ["feeKind", "fee", "feeFreeFor"],
    audiences: ["audienceIds"],
    schedule: ["recurrenceRule", "recurrenceStart", "recurrenceEnd", "skipHolidays", "date", "startTime", "endTime"],
  },
  opening: {
    name: ["title", "titleKana"],
    description: ["description", "purpose"],
    contact: ["contactName", "contactPhone", "contactEmail"],
    address: ["placeId", "areaId", "venueName", "venueAddress"],
    audiences: ["audienceIds"],
    schedule: ["ongoing", "shifts", "applyBy"],
  },
} as const satisfies Record<PublicKind, Record<string, readonly string[]>>;


/** Values of an item as the policy compares them: its columns, plus `audienceIds` and the form's schedule fields. */
export type ItemValues = Record<string, unknown>;

/** One held field: its covered values before (the public version) and after (the organiser's proposal). */
export type HeldChange = { field: string; before: ItemValues; after: ItemValues };

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.every((v) => typeof v === "number") ? [...value].sort((a, b) => a - b) : value.map(comparable);
  if (value === undefined) return null;
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

const pick = (values: ItemValues, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, comparable(values[k])]));

/**
 * The reviewed fields a save of a published item would change, in the policy's order. `before` is the public
 * version, `after` what the save would write; a value missing from `after` is one the save does not touch.
 */
export function reviewedChanges(kind: PublicKind, before: ItemValues, after: ItemValues): HeldChange[] {
  const changes: HeldChange[] = [];
  for (const [field, keys] of Object.entries(REVIEWED_FIELDS[kind]) as [string, readonly string[]][]) {
    const touched = keys.filter((k) => k in after);
    if (touched.some((k) => !same(before[k], after[k]))) changes.push({ field, before: pick(before, keys), after: pick({ ...before, ...after }, keys) });
  }
  return changes;
}

/** The values a save writes now: the held fields' values are left out, so the public version keeps them. */
export function withoutHeld<T extends ItemValues>(kind: PublicKind, data: T, held: readonly HeldChange[]): Partial<T> {
  const fields = REVIEWED_FIELDS[kind] as Record<string, readonly string[]>;
  const skip = new Set(held.flatMap((h) => fields[h.field] ?? []));
  return Object.fromEntries(Object.entries(data).filter(([k]) => !skip.has(k))) as Partial<T>;
}

/** Does a held change include this field? (The savers skip the schedule and audiences writes then.) */
export function holds(held: readonly HeldChange[], field: string): boolean {
  return held.some((h) => h.field === field);
}
