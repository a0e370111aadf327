import { parseRule } from "~/modules/schedule/describe";

// Organisers choose a repeat pattern from simple controls (repeat, weekdays, which weeks of the month); the
// server turns them into the RFC 5545 RRULE the rest of the portal reads. A stored rule the controls cannot show
// (e.g. "every 15th") is kept as it is unless the organiser picks a new pattern ("keep").

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];

/** Weeks of the month for "monthly": 1st–4th and last. */
export const NTHS = ["1", "2", "3", "4", "-1"] as const;
export type Nth = (typeof NTHS)[number];

export const REPEATS = ["none", "weekly", "biweekly", "monthly", "keep"] as const;
export type Repeat = (typeof REPEATS)[number];

export type RuleControls = { repeat: Repeat; weekdays: WeekdayCode[]; nths: Nth[] };

/** Controls → RRULE ("" for none). Call only with validated controls (see ruleControlIssues). */
export function buildRule(controls: RuleControls, keep = ""): string {
  const days = WEEKDAYS.filter((d) => controls.weekdays.includes(d));
  switch (controls.repeat) {
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${days.join(",")}`;
    case "biweekly":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${days.join(",")}`;
    case "monthly": {
      const nths = NTHS.filter((n) => controls.nths.includes(n));
      return `FREQ=MONTHLY;BYDAY=${nths.flatMap((n) => days.map((d) => `${n}${d}`)).join(",")}`;
    }
    case "keep":
      return keep;
    default:
      return "";
  }
}

/** RRULE → controls, or "keep" when the controls cannot show it. */
export function controlsOf(rule: string): RuleControls {
  if (!rule) return { repeat: "none", weekdays: [], nths: [] };
  const parsed = parseRule(rule);
  if (parsed.kind === "weekly" && (parsed.interval === 1 || parsed.interval === 2)) {
    return { repeat: parsed.interval === 2 ? "biweekly" : "weekly", weekdays: parsed.days, nths: [] };
  }
  if (parsed.kind === "monthly-nth") {
    const days = [...new Set(parsed.days.map((d) => d.day))];
    const nths = [...new Set(parsed.days.map((d) => String(d.nth)))].filter((n): n is Nth => (NTHS as readonly string[]).includes(n));
    // Only a full cross product (every chosen week × every chosen day) round-trips through the controls.
    if (nths.length * days.length === parsed.days.length && nths.length === new Set(parsed.days.map((d) => d.nth)).size) {
      return { repeat: "monthly", weekdays: days, nths };
    }
  }
  return { repeat: "keep", weekdays: [], nths: [] };
}

/** Which control is missing, as [field, message key] pairs. */
export function ruleControlIssues(controls: RuleControls, keep: string): [keyof RuleControls, string][] {
  const issues: [keyof RuleControls, string][] = [];
  if (controls.repeat === "none") return issues;
  if (controls.repeat === "keep") {
    if (!keep) issues.push(["repeat", "errors.invalidChoice"]);
    return issues;
  }
  if (!controls.weekdays.length) issues.push(["weekdays", "manage.errors.chooseWeekday"]);
  if (controls.repeat === "monthly" && !controls.nths.length) issues.push(["nths", "manage.errors.chooseWeek"]);
  return issues;
}
