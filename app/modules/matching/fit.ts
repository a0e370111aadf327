import type { Reason, ReasonCode } from "./types";

// Whether a ranked item fits the person, as opposed to merely being there: the weekly digest and staff discovery
// only go to someone when at least one reason is about them (their interests, skills, week, area, languages, what
// they did before). Reasons about the item alone (it is new, places are few, beginners are welcome) never suffice:
// a digest of "new things" or a staff list of everyone would be the flood and the register misuse the opt-ins fear.

const PERSONAL: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  "interest",
  "skill",
  "time",
  "own-area",
  "near",
  "at-home",
  "language",
  "audience",
  "with-children",
  "like-before",
  "same-group",
]);

export function fitsPerson(reasons: readonly Reason[]): boolean {
  return reasons.some((r) => PERSONAL.has(r.code));
}
