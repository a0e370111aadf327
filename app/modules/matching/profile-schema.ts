import { z } from "zod";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";
import { CheckboxField, IdListField, OptionalIdField, enumList } from "~/modules/forms/choice-fields";
import { codePointLength, text } from "~/utils/text";
import { availabilityCells, cellBit, cellCode } from "./answers";
import { AVOID_CODES, BANDS, REACHES, WEEKDAYS } from "./constants";
import type { Commitment, Role } from "./types";

// The resident's profile form (/me/profile): what they like, what they can do, when and where, and whether staff may
// find them (人材バンク). Shared by the server action and the browser (hints and constraints only); messages are
// i18n keys. Ids (areas, categories, audiences) are checked against the database by the route (profileSchema).

/** Label keys of the weekday rows (listing:weekday.*), Monday first as Weekday. */
export const WEEKDAY_LABELS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
/** Label keys of the morning, afternoon and evening columns (listing:filter.timeBand.*), as Band. */
export const BAND_LABELS = ["morning", "afternoon", "evening"] as const;
/** One checkbox value per weekday × band: its cell code ("sat-am"), as in /match addresses. */
export const AVAILABILITY_SLOTS = WEEKDAYS.flatMap((w) => BANDS.map((b) => cellCode(w, b)));

/** The ticked cells of a Profile.availability mask, as checkbox values. */
export function slotsOfMask(mask: number): string[] {
  return availabilityCells(mask).map((c) => cellCode(c.weekday, c.band));
}

export function maskOfSlots(slots: readonly string[]): number {
  return slots.reduce((mask, slot) => mask | cellBit(slot), 0);
}

/** "either" stands for Commitment "" (a radio needs a value). */
export const COMMITMENT_CHOICES = ["either", "one-off", "regular"] as const;
export const toCommitment = (choice: (typeof COMMITMENT_CHOICES)[number]): Commitment => (choice === "either" ? "" : choice);
export const commitmentChoice = (stored: string): (typeof COMMITMENT_CHOICES)[number] => (stored === "one-off" || stored === "regular" ? stored : "either");

/** "either" stands for Role "" (a radio needs a value). */
export const ROLE_CHOICES = ["help", "join", "either"] as const;
export const toRole = (choice: (typeof ROLE_CHOICES)[number]): Role => (choice === "either" ? "" : choice);
export const roleChoice = (stored: string): (typeof ROLE_CHOICES)[number] => (stored === "help" || stored === "join" ? stored : "either");

/**
 * Skills most openings ask for, as checkboxes: the code names the label (profile:skill.*), the value is the word
 * stored in Profile.skills, the same Japanese word organisers write in an opening's skills (調理、運転…), so the
 * two meet whatever language the resident reads.
 */
export const COMMON_SKILLS = [
  { code: "cooking", value: "調理" },
  { code: "driving", value: "運転" },
  { code: "computer", value: "パソコン" },
  { code: "signLanguage", value: "手話" },
  { code: "childcare", value: "子どもの見守り" },
  { code: "listening", value: "傾聴" },
  { code: "music", value: "楽器・演芸" },
  { code: "languages", value: "外国語" },
  { code: "physical", value: "力仕事" },
  { code: "office", value: "事務" },
  { code: "teaching", value: "学習支援" },
  { code: "crafts", value: "裁縫・手芸" },
] as const;
const COMMON_SKILL_VALUES: readonly string[] = COMMON_SKILLS.map((s) => s.value);

export const SKILL_LIMITS = { tags: 15, tagLength: 30, field: 300 } as const;

/** Free skills as people type them: separated by 、, commas (half- or full-width) or line breaks. */
export function splitSkillTags(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[、,，\n]+/)
        .map((s) => s.normalize("NFKC").trim())
        .filter(Boolean),
    ),
  ];
}

/** The stored skills, split into the common ones (checkboxes) and the resident's own words (one text field). */
export function splitStoredSkills(stored: string): { common: string[]; other: string } {
  const all = splitSkillTags(stored);
  return { common: all.filter((s) => COMMON_SKILL_VALUES.includes(s)), other: all.filter((s) => !COMMON_SKILL_VALUES.includes(s)).join("、") };
}

const OtherSkillsField = text({ max: SKILL_LIMITS.field }).transform((v, ctx) => {
  const tags = splitSkillTags(v);
  if (tags.length > SKILL_LIMITS.tags) ctx.addIssue({ code: "custom", message: "profile.errors.tooManySkills" });
  else if (tags.some((t) => codePointLength(t) > SKILL_LIMITS.tagLength)) ctx.addIssue({ code: "custom", message: "profile.errors.skillTooLong" });
  return tags;
});

export type ProfileChoices = { areaIds: number[]; categoryIds: number[]; audienceIds: number[] };

const inList = (ids: readonly number[]) => (chosen: number[]) => chosen.every((id) => ids.includes(id));

/**
 * Everything the profile form may set; nothing else it sends is kept (mass assignment, SECURITY.md row 23). With the
 * ids the database knows, a made-up area, category or audience is refused on its own field.
 */
export function profileSchema(choices?: ProfileChoices) {
  return z
    .object({
      categoryIds: choices ? IdListField.refine(inList(choices.categoryIds), "errors.invalidChoice") : IdListField,
      audienceIds: choices ? IdListField.refine(inList(choices.audienceIds), "errors.invalidChoice") : IdListField,
      skills: enumList(COMMON_SKILL_VALUES),
      otherSkills: OtherSkillsField,
      availability: enumList(AVAILABILITY_SLOTS),
      areaId: choices ? OptionalIdField.refine((id) => id === null || choices.areaIds.includes(id), "errors.invalidChoice") : OptionalIdField,
      reach: z.enum(REACHES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
      languages: enumList(CONTENT_LANGUAGES),
      avoid: enumList(AVOID_CODES),
      prefersBeginner: CheckboxField,
      prefersAtHome: CheckboxField,
      withChildren: CheckboxField,
      commitment: z.enum(COMMITMENT_CHOICES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
      // Older forms (a page opened before this question existed) send no answer: either.
      role: z.enum(ROLE_CHOICES, { errorMap: () => ({ message: "errors.invalidChoice" }) }).default("either"),
      notifyDigest: CheckboxField,
      discoverableByStaff: CheckboxField,
    })
    .strip();
}

export type ProfileInput = z.output<ReturnType<typeof profileSchema>>;
