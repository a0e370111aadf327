import { describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { addDays, tokyoDateKey } from "~/utils/dates";
import { closeModeOf, dayBeforeHours, hoursBeforeStart } from "./close-deadline";
import { eventSchema } from "./schemas";

// The registration deadline as organisers give it, converted to the stored hours before the start.

const day = (n: number) => tokyoDateKey(addDays(new Date(), n));
const today = day(0);

/** The field errors of a refused form (none for an accepted one). */
const errorsOf = (fields: Record<string, string>) => {
  const parsed = parse(fields);
  return parsed.status === "error" ? (parsed.error ?? {}) : {};
};

function parse(fields: Record<string, string>) {
  const form = new FormData();
  const all = { intent: "save", title: "脚折 健康体操", kind: "once", date: day(10), startTime: "10:30", endTime: "12:00", languages: "ja", registrationRequired: "on", ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  return parseWithZod(form, { schema: eventSchema({ today, creating: true }) });
}

const hoursOf = (fields: Record<string, string>) => {
  const parsed = parse(fields);
  if (parsed.status !== "success") throw new Error(JSON.stringify(parsed.error));
  return parsed.value.registrationCloseHours;
};

describe("the registration deadline", () => {
  it.each([
    ["start", {}, 0],
    ["dayBefore", {}, 11],
    ["hoursBefore", { registrationCloseHours: "3" }, 3],
    ["at", { closeDate: day(9), closeTime: "17:00" }, 18],
    ["at", { closeDate: day(10), closeTime: "08:15" }, 3],
  ] as const)("%s %j becomes %i hours before a 10:30 start", (closeMode, extra, hours) => {
    expect(hoursOf({ closeMode, ...extra })).toBe(hours);
  });

  it("a form without the choice (older forms, scripts) keeps its hours as they are", () => {
    expect(hoursOf({ registrationCloseHours: "5" })).toBe(5);
  });

  it("refuses a date/time after the start, for a repeating event, or left empty", () => {
    expect(errorsOf({ closeMode: "at", closeDate: day(10), closeTime: "11:00" }).closeDate).toEqual(["manage.errors.closeAfterStart"]);
    const series = errorsOf({ closeMode: "at", closeDate: day(9), closeTime: "17:00", kind: "series", repeat: "weekly", weekdays: "MO", seriesStart: day(3) });
    expect(series.closeMode).toEqual(["manage.errors.closeAtOnceOnly"]);
    expect(errorsOf({ closeMode: "at" }).closeDate).toEqual(["errors.required"]);
    expect(errorsOf({ closeMode: "whenever" }).closeMode).toEqual(["errors.invalidChoice"]);
  });

  it("reads stored hours back as the choice that made them", () => {
    expect(dayBeforeHours("09:00")).toBe(9);
    expect(dayBeforeHours("00:15")).toBe(1);
    expect(closeModeOf(0, "10:00")).toBe("start");
    expect(closeModeOf(10, "10:00")).toBe("dayBefore");
    expect(closeModeOf(3, "10:00")).toBe("hoursBefore");
    expect(hoursBeforeStart({ date: "2026-05-20", time: "10:00" }, { date: "2026-05-19", time: "" })).toBeNull();
  });
});
