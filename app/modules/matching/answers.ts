import {
  AFTERNOON_FROM_MINUTE,
  AVOID_CODES,
  BAND_CODES,
  DEFAULT_REACH,
  EVENING_FROM_MINUTE,
  FAMILY_AUDIENCE,
  REACHES,
  ROLES,
  SKILL_SYNONYMS,
  SKILLS_CATEGORY,
  WEEKDAY_CODES,
  isAvoidCode,
  type AvoidCode,
} from "./constants";
import type { Band, Reach, Role, Seeker, Weekday } from "./types";

// The quick match (/match) without an account: three or four questions whose answers live in the URL, so a result
// can be shared, bookmarked or printed, and a resident who signs up keeps them as the start of a profile.
// Everything here is pure and never throws: an old or hand-edited link gives what can be read of it.

export interface MatchAnswers {
  /** What they like: category and/or audience slugs (a slug both have, like "children", means both). */
  likes: string[];
  /** When they are free: Profile.availability mask (0 = not said). */
  when: number;
  /** Their area's slug ("" = not said) and how far they will go. */
  area: string;
  reach: Reach;
  /** Things to avoid (AVOID_CODES). */
  avoid: AvoidCode[];
  /** Help out, join in, or "" = either. */
  role: Role;
}

export const EMPTY_ANSWERS: MatchAnswers = { likes: [], when: 0, area: "", reach: DEFAULT_REACH, avoid: [], role: "" };

// ───────────── Availability ─────────────

/** The bit of one weekday × band cell in Profile.availability (bit = weekday * 3 + band, Monday = 0). */
export function availabilityBit(weekday: Weekday | number, band: Band | number): number {
  return 1 << (weekday * 3 + band);
}

/** Morning (0) before 12:00, afternoon (1) until 16:59, evening (2) from 17:00; minutes after Tokyo midnight. */
export function bandOfMinute(minute: number): Band {
  return minute < AFTERNOON_FROM_MINUTE ? 0 : minute < EVENING_FROM_MINUTE ? 1 : 2;
}

export function isAvailable(mask: number, weekday: Weekday | number, band: Band | number): boolean {
  return (mask & availabilityBit(weekday, band)) !== 0;
}

/** The cells of a mask, Monday morning first. */
export function availabilityCells(mask: number): { weekday: Weekday; band: Band }[] {
  const cells: { weekday: Weekday; band: Band }[] = [];
  for (let w = 0; w < 7; w++) for (let b = 0; b < 3; b++) if (isAvailable(mask, w, b)) cells.push({ weekday: w as Weekday, band: b as Band });
  return cells;
}

/** "sat-am" → its bit; anything else → 0. */
export function cellBit(code: string): number {
  const [day, band] = code.split("-");
  const w = WEEKDAY_CODES.indexOf(day as never);
  const b = BAND_CODES.indexOf(band as never);
  return w < 0 || b < 0 || code.split("-").length !== 2 ? 0 : availabilityBit(w, b);
}

export const cellCode = (weekday: Weekday | number, band: Band | number) => `${WEEKDAY_CODES[weekday]}-${BAND_CODES[band]}`;

function maskOf(weekdays: number[], bands: number[]): number {
  let mask = 0;
  for (const w of weekdays) for (const b of bands) mask |= availabilityBit(w, b);
  return mask;
}

const WEEKDAYS_MON_FRI = [0, 1, 2, 3, 4];
const SAT_SUN = [5, 6];

/**
 * Simple answers to "when are you free?" (big buttons on /match: 平日の午前, 土日, …), each a set of cells. In URLs
 * a mask is written with as many whole presets as it contains, in this order, then single cells.
 */
export const WHEN_PRESETS = {
  weekends: maskOf(SAT_SUN, [0, 1, 2]),
  "weekday-am": maskOf(WEEKDAYS_MON_FRI, [0]),
  "weekday-pm": maskOf(WEEKDAYS_MON_FRI, [1]),
  "weekday-eve": maskOf(WEEKDAYS_MON_FRI, [2]),
  "weekend-am": maskOf(SAT_SUN, [0]),
  "weekend-pm": maskOf(SAT_SUN, [1]),
  "weekend-eve": maskOf(SAT_SUN, [2]),
} as const;
export type WhenPreset = keyof typeof WHEN_PRESETS;
export const WHEN_PRESET_CODES = Object.keys(WHEN_PRESETS) as WhenPreset[];

/** A preset name or a cell code ("sat-am") → its mask; unknown → 0. */
export function whenCodeMask(code: string): number {
  return (WHEN_PRESETS as Record<string, number>)[code] ?? cellBit(code);
}

/** The shortest list of codes for a mask: whole presets first (in WHEN_PRESET_CODES order), then single cells. */
export function whenCodes(mask: number): string[] {
  let rest = mask;
  const codes: string[] = [];
  for (const preset of WHEN_PRESET_CODES) {
    const bits = WHEN_PRESETS[preset];
    if ((rest & bits) === bits) {
      codes.push(preset);
      rest &= ~bits;
    }
  }
  for (const { weekday, band } of availabilityCells(rest)) codes.push(cellCode(weekday, band));
  return codes;
}

// ───────────── URL ─────────────

/** Parameter names of /match (short, so the address fits a printed page or a LINE message). */
export const ANSWER_PARAMS = { likes: "like", when: "when", area: "area", reach: "reach", avoid: "avoid", role: "do" } as const;

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_LIKES = 20;

/** Every value of a parameter, whether sent repeated (a form's checkboxes) or joined with "." or "," (a shared link). */
function values(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(/[.,\s]+/))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

const unique = <T>(items: T[]) => [...new Set(items)];

/** The answers in a /match address; unknown or malformed values are left out, never an error. */
export function parseAnswers(params: URLSearchParams): MatchAnswers {
  const likes = unique(values(params, ANSWER_PARAMS.likes).filter((s) => SLUG.test(s))).slice(0, MAX_LIKES);
  let when = 0;
  for (const code of values(params, ANSWER_PARAMS.when)) when |= whenCodeMask(code);
  const areaValue = values(params, ANSWER_PARAMS.area)[0] ?? "";
  const area = SLUG.test(areaValue) ? areaValue : "";
  const reachValue = values(params, ANSWER_PARAMS.reach)[0];
  const reach = (REACHES as readonly string[]).includes(reachValue ?? "") ? (reachValue as Reach) : DEFAULT_REACH;
  const asked = new Set(values(params, ANSWER_PARAMS.avoid).filter(isAvoidCode));
  const avoid = AVOID_CODES.filter((c) => asked.has(c));
  const roleValue = values(params, ANSWER_PARAMS.role)[0] ?? "";
  const role = (ROLES as readonly string[]).includes(roleValue) ? (roleValue as Role) : "";
  return { likes, when, area, reach, avoid, role };
}

/**
 * The answers as URL parameters, stable (the same answers give the same address, whatever order they were ticked
 * in) and short (defaults left out, several values joined with "."): like=children.elderly&when=weekday-am&area=fujimi.
 */
export function answersToSearchParams(answers: MatchAnswers): URLSearchParams {
  const params = new URLSearchParams();
  const likes = unique(answers.likes.filter((s) => SLUG.test(s))).sort();
  if (likes.length) params.set(ANSWER_PARAMS.likes, likes.join("."));
  const when = whenCodes(answers.when);
  if (when.length) params.set(ANSWER_PARAMS.when, when.join("."));
  if (answers.area && SLUG.test(answers.area)) params.set(ANSWER_PARAMS.area, answers.area);
  if (answers.reach !== DEFAULT_REACH && (REACHES as readonly string[]).includes(answers.reach)) params.set(ANSWER_PARAMS.reach, answers.reach);
  const avoid = AVOID_CODES.filter((c) => answers.avoid.includes(c));
  if (avoid.length) params.set(ANSWER_PARAMS.avoid, avoid.join("."));
  if (answers.role && (ROLES as readonly string[]).includes(answers.role)) params.set(ANSWER_PARAMS.role, answers.role);
  return params;
}

/** True when nothing was answered yet (the page shows the questions, not results). */
export function isEmptyAnswers(answers: MatchAnswers): boolean {
  return !answers.likes.length && !answers.when && !answers.area && !answers.avoid.length && !answers.role;
}

// ───────────── To a Seeker ─────────────

/** Slugs to ids: getTaxonomy(locale) fits (only id and slug are read). */
export interface SlugTaxonomy {
  categories: readonly { id: number; slug: string }[];
  audiences: readonly { id: number; slug: string }[];
  areas: readonly { id: number; slug: string }[];
}

/**
 * A Seeker for the quick match: no history, nothing excluded. `languages` are the reader's (the page's language, so a
 * Vietnamese reader sees items held in Vietnamese first); Japanese is assumed alongside (the answers do not say).
 */
/**
 * Someone who has said nothing yet: no interests, any time, their area unknown, neighbouring areas, Japanese, no
 * history. The answers, the profile and the tests start from it.
 */
export function openSeeker(): Seeker {
  return {
    categoryIds: [],
    audienceIds: [],
    skills: [],
    availability: 0,
    areaId: null,
    reach: DEFAULT_REACH,
    languages: ["ja"],
    prefersBeginner: false,
    prefersAtHome: false,
    commitment: "",
    withChildren: false,
    avoid: [],
    history: { attendedCategoryIds: [], attendedGroupIds: [], hasHistory: false },
    excluded: new Set(),
    dismissedCategoryIds: [],
  };
}

export function seekerFromAnswers(answers: MatchAnswers, taxonomy: SlugTaxonomy, options: { languages?: string[]; excluded?: ReadonlySet<string> } = {}): Seeker {
  const liked = new Set(answers.likes);
  const categoryIds = taxonomy.categories.filter((c) => liked.has(c.slug)).map((c) => c.id);
  const audienceIds = taxonomy.audiences.filter((a) => liked.has(a.slug)).map((a) => a.id);
  const areaId = taxonomy.areas.find((a) => a.slug === answers.area)?.id ?? null;
  const languages = unique(["ja", ...(options.languages ?? [])]);
  return {
    ...openSeeker(),
    categoryIds,
    audienceIds,
    availability: answers.when,
    areaId,
    reach: answers.reach,
    languages,
    avoid: [...answers.avoid],
    excluded: options.excluded ?? new Set(),
    supportsFamilies: liked.has(FAMILY_AUDIENCE),
    role: answers.role,
  };
}

/** What a new profile starts from when a resident signs up after the quick match (the fields Profile stores). */
export function profileFromAnswers(answers: MatchAnswers, taxonomy: SlugTaxonomy) {
  const seeker = seekerFromAnswers(answers, taxonomy);
  return {
    interestIds: seeker.categoryIds,
    audienceIds: seeker.audienceIds,
    availability: seeker.availability,
    areaId: seeker.areaId,
    reach: seeker.reach,
    avoid: avoidToStored(seeker.avoid),
    role: answers.role,
  };
}

/** Profile.avoid as stored: ",evenings,fee," (",": none). */
export function avoidToStored(codes: readonly string[]): string {
  const kept = AVOID_CODES.filter((c) => codes.includes(c));
  return kept.length ? `,${kept.join(",")},` : ",";
}

export function avoidFromStored(stored: string): AvoidCode[] {
  const set = new Set(stored.split(","));
  return AVOID_CODES.filter((c) => set.has(c));
}

// ───────────── Skills ─────────────

/** The interests the ranking uses: 特技を活かす (SKILLS_CATEGORY) only for someone who did not name their skills. */
export function interestIds(interests: readonly { id: number; slug: string }[], skills: readonly string[]): number[] {
  return interests.filter((c) => c.slug !== SKILLS_CATEGORY || skills.length === 0).map((c) => c.id);
}

/** One skill as matching compares it: NFKC, trimmed, lower-cased, and the usual word for it (SKILL_SYNONYMS). */
export function normaliseSkill(value: string): string {
  const plain = value.normalize("NFKC").trim().toLowerCase();
  return SKILL_SYNONYMS[plain] ?? plain;
}

/** A stored skills list ("調理、パソコン", commas or slashes tolerated) as normalised, distinct skills. */
export function splitSkills(stored: string): string[] {
  return unique(
    stored
      .split(/[、,，/／・\n]+/)
      .map(normaliseSkill)
      .filter(Boolean),
  );
}
