import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loader as meLoader } from "~/routes/me._index";
import { loader as certificateLoader } from "~/routes/me.certificate";
import { fiscalYearOf } from "~/modules/participation/history.server";
import { fromTokyo } from "~/utils/dates";
import { requestWithCookie } from "../support/auth";
import { createSession } from "../support/factories";

describe("a resident's own record", () => {
  it("shows upcoming and past activities and verified hours per fiscal year", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "resident@example.jp" }, select: { id: true } });
    const data = await meLoader({ request: requestWithCookie("/me", await createSession(user)), params: {}, context: {} });
    expect(data.activities.upcoming.length).toBeGreaterThan(0);
    expect(data.activities.upcoming.every((a) => a.ongoing || new Date(a.endsAt ?? a.startsAt) >= new Date())).toBe(true);
    const verified = await prisma.application.findMany({ where: { userId: user.id, hoursVerifiedAt: { not: null } }, select: { hours: true } });
    const total = verified.reduce((s, a) => s + (a.hours ?? 0), 0);
    expect(data.activities.hoursByYear.reduce((s, y) => s + y.hours, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it("the certificate lists only attended, verified activities of the fiscal year, with the total and the council's name", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "resident@example.jp" }, select: { id: true } });
    const attended = await prisma.application.findFirstOrThrow({ where: { userId: user.id, status: "attended", hoursVerifiedAt: { not: null } }, select: { hours: true, shift: { select: { startsAt: true } } } });
    const year = fiscalYearOf(attended.shift.startsAt);
    const data = await certificateLoader({ request: requestWithCookie(`/me/certificate?year=${year}`, await createSession(user)), params: {}, context: {} });
    expect(data.certificate.fiscalYear).toBe(year);
    expect(data.certificate.activities.length).toBeGreaterThan(0);
    expect(data.certificate.totalHours).toBe(data.certificate.activities.reduce((s, a) => s + a.hours, 0));
    expect(data.council).toBe("鶴ヶ島市社会福祉協議会");
  });

  it("counts April–March as one fiscal year (年度), in Tokyo time", () => {
    expect(fiscalYearOf(fromTokyo(2026, 3, 31, 23, 59))).toBe(2025);
    expect(fiscalYearOf(fromTokyo(2026, 4, 1, 0, 0))).toBe(2026);
  });
});
