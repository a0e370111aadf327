import { createEvents } from "ics";
import { describe, expect, it } from "vitest";
import { icsCalendar, type IcsEvent } from "./ics.server";

// The iCalendar writer against the `ics` library it replaced (kept for this comparison only): the same calendar,
// property by property, once lines are unfolded and text unescaped; and the rules of RFC 5545 it must keep itself.

const NOW = new Date("2026-12-03T09:00:00Z");
const EVENTS: IcsEvent[] = [
  {
    uid: "event-date-1@tsunagu.example",
    title: "ふじみ子ども食堂; 12月, クリスマス会 \\ 特別",
    startsAt: new Date("2026-12-19T02:00:00Z"),
    endsAt: new Date("2026-12-19T04:30:00Z"),
    description: "みんなで食べる、あたたかいごはん。\n小学生は無料、おとなは300円です。".repeat(4),
    location: "鶴ヶ島市 富士見 1-2-3 富士見市民センター",
    url: "https://tsunagu.example/events/12",
    status: "CONFIRMED",
  },
  { uid: "event-date-2@tsunagu.example", title: "【中止】脚折サロン 🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡 お茶とおだんご", startsAt: new Date("2026-12-20T01:00:00Z"), endsAt: new Date("2026-12-20T02:00:00Z"), status: "CANCELLED" },
];
const HEADER = { productId: "-//Tsunagu//tsunagu.example//JA", calName: "つなぐ 鶴ヶ島, 行事" };

/** Content lines unfolded (a CRLF followed by a space or tab continues the line), as [name, value] with text unescaped. */
function properties(ics: string): [string, string][] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      const value = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
      return [line.slice(0, colon), value];
    });
}

describe("the iCalendar writer", () => {
  it("writes what the ics library writes for the same events, property by property", () => {
    const ours = icsCalendar(HEADER, EVENTS, NOW);
    const { error, value } = createEvents(
      EVENTS.map((e) => ({
        uid: e.uid,
        title: e.title,
        start: e.startsAt.getTime(),
        startInputType: "utc",
        startOutputType: "utc",
        end: e.endsAt.getTime(),
        endInputType: "utc",
        endOutputType: "utc",
        description: e.description,
        location: e.location,
        url: e.url,
        status: e.status,
      })),
      HEADER,
    );
    expect(error).toBeFalsy();
    const withoutStamp = (props: [string, string][]) => props.filter(([name]) => name !== "DTSTAMP");
    expect(withoutStamp(properties(ours))).toEqual(withoutStamp(properties(value!)));
    expect(properties(ours).filter(([name]) => name === "DTSTAMP")).toEqual([
      ["DTSTAMP", "20261203T090000Z"],
      ["DTSTAMP", "20261203T090000Z"],
    ]);
  });

  it("keeps to RFC 5545: CRLF line ends, at most 75 octets a line, folds never inside a character", () => {
    const ours = icsCalendar(HEADER, EVENTS, NOW);
    expect(ours.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ours.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ours.split("\r\n");
    for (const line of lines) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    // Folding happened (the description is long) and each piece is whole UTF-8: no lone surrogate, no broken emoji.
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const line of lines) expect(line, line).not.toMatch(loneSurrogate);
    expect(properties(ours).find(([name]) => name === "SUMMARY" && name)?.[1]).toBe(EVENTS[0]!.title);
    expect(properties(ours).filter(([name]) => name === "SUMMARY").map(([, v]) => v)).toContain("【中止】脚折サロン 🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡🍵🍡 お茶とおだんご");
  });

  it("writes an empty calendar when there are no dates", () => {
    expect(properties(icsCalendar(HEADER, [], NOW)).map(([name]) => name)).toEqual(["BEGIN", "VERSION", "CALSCALE", "PRODID", "METHOD", "X-WR-CALNAME", "X-PUBLISHED-TTL", "END"]);
  });
});
