// The dashboard's vocabulary, shared by the server (figures, CSV) and the page: which plan measure each figure
// evidences, and how the plan writes a measure's number. Kept out of *.server.ts so the page can use it too.

export const NO_AREA = "none";

export type FigureId =
  | "newResidents"
  | "newVolunteers"
  | "proxyRegistered"
  | "applications"
  | "attendance"
  | "volunteerHours"
  | "firstTimeParticipants"
  | "activePlaces"
  | "eventsHeld"
  | "eventParticipants";

/** Which plan measures each figure evidences (⑥ keep taking part … ⑰ publicity). */
export const FIGURE_MEASURES: Record<FigureId, number[]> = {
  newResidents: [9, 15],
  newVolunteers: [6, 7],
  proxyRegistered: [13],
  applications: [7, 9],
  attendance: [6, 7],
  volunteerHours: [6, 7],
  firstTimeParticipants: [14],
  activePlaces: [10, 11, 12],
  eventsHeld: [10, 12, 16],
  eventParticipants: [10, 16],
};

/** The figures that evidence a measure, in the dashboard's order. */
export function figuresOfMeasure(measure: number): FigureId[] {
  return (Object.keys(FIGURE_MEASURES) as FigureId[]).filter((id) => FIGURE_MEASURES[id].includes(measure));
}

/** ⑥ for 6: how the plan itself numbers its measures. */
export function measureMark(n: number): string {
  return String.fromCodePoint(0x245f + n);
}

/** The year's figure of a count is the sum of its months; of a stock (places listed), what there is at the end. */
export function yearScope(figure: { kind: "count" | "stock" }): "yearTotal" | "yearEnd" {
  return figure.kind === "stock" ? "yearEnd" : "yearTotal";
}
