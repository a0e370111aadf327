import { extendSeries } from "~/modules/events/series.server";
import { logEvent } from "~/utils/logger.server";

// The series step of the periodic work: every event series keeps its dates six months ahead as time passes. A
// weekly rule gains a date a week, so once an hour is plenty; the first beat after a start runs it, so a portal
// that was stopped for a while catches up at once.

const SCAN_EVERY_MS = 60 * 60 * 1000;
let lastScan = 0;

export async function seriesStep(now = new Date()): Promise<number> {
  if (now.getTime() - lastScan < SCAN_EVERY_MS) return 0;
  lastScan = now.getTime();
  const { events, dates } = await extendSeries(now);
  if (dates) logEvent({ event: "series.extended", events, dates });
  return dates;
}
