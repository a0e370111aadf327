import { prisma } from "~/utils/db.server";
import { fromTokyo } from "~/utils/dates";

// The fixed fixture of the plan dashboard in fiscal year 2031 (April 2031 – March 2032), which the seed's data does
// not reach, so every figure has an exact expected value (the same people and activities as
// tests/integration/dashboard-figures.test.ts): four new residents (one registered by staff, one using the portal in
// Vietnamese), a volunteer opening in fujimi with shifts in June and October, and an event in kita held in June
// and February, and a place published in September.

export const FIXTURE_FY = 2031;
export const AFTER_THE_YEAR = fromTokyo(2032, 4, 10);
export const at = (month: number, day: number, hour = 10) => fromTokyo(month >= 4 ? 2031 : 2032, month, day, hour);

export async function createDashboardFixture() {
  const area = async (slug: string) => (await prisma.area.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  const [fujimi, kita] = [await area("fujimi"), await area("kita")];
  const staff = await prisma.user.findFirstOrThrow({ where: { roles: { some: { role: { name: "staff" } } } }, select: { id: true } });
  const person = (n: string, createdAt: Date, extra: { areaId?: number; locale?: string; registeredById?: number } = {}) =>
    prisma.user.create({
      data: {
        email: `fy2031-${n}@example.jp`,
        name: `集計 ${n}`,
        locale: extra.locale ?? "ja",
        createdAt,
        registeredById: extra.registeredById ?? null,
        profile: { create: { areaId: extra.areaId ?? null } },
      },
      select: { id: true },
    });
  const hanako = await person("花子", at(5, 10), { areaId: fujimi });
  const taro = await person("太郎", at(5, 12));
  const phoned = await person("電話の方", at(5, 20), { areaId: kita, registeredById: staff.id });
  const lan = await person("Lan", at(6, 1), { locale: "vi", areaId: fujimi });

  const group = await prisma.group.create({ data: { name: "集計テストの会", nameKana: "しゅうけいてすとのかい", status: "approved", approvedAt: at(4, 1) }, select: { id: true } });
  const opening = await prisma.opening.create({
    data: { groupId: group.id, title: "配食ボランティア", titleKana: "はいしょく", status: "published", publishedAt: at(4, 2), areaId: fujimi },
    select: { id: true },
  });
  const june = await prisma.shift.create({ data: { openingId: opening.id, startsAt: at(6, 15), endsAt: at(6, 15, 13), slots: 5, acceptedCount: 2 }, select: { id: true } });
  const october = await prisma.shift.create({ data: { openingId: opening.id, startsAt: at(10, 3), endsAt: at(10, 3, 12), slots: 5, acceptedCount: 1 }, select: { id: true } });
  const apply = (shiftId: number, userId: number, status: string, createdAt: Date, hours?: number) =>
    prisma.application.create({
      data: { shiftId, userId, status, createdAt, queuedAt: createdAt, consentToShareContact: true, hours: hours ?? null, hoursVerifiedAt: hours ? createdAt : null },
    });
  await apply(june.id, hanako.id, "attended", at(6, 1), 2.5);
  await apply(june.id, taro.id, "withdrawn", at(6, 2));
  await apply(june.id, phoned.id, "accepted", at(6, 3));
  await apply(october.id, hanako.id, "attended", at(9, 20), 1.5);

  const event = await prisma.event.create({ data: { groupId: group.id, title: "多世代交流会", status: "published", publishedAt: at(4, 2), areaId: kita, registrationRequired: true }, select: { id: true } });
  const held = await prisma.eventDate.create({ data: { eventId: event.id, startsAt: at(6, 20, 14), endsAt: at(6, 20, 16), capacity: 20, registeredCount: 3 }, select: { id: true } });
  await prisma.eventDate.create({ data: { eventId: event.id, startsAt: at(8, 1, 14), endsAt: at(8, 1, 16), status: "cancelled" } });
  await prisma.eventDate.create({ data: { eventId: event.id, startsAt: at(2, 7, 14), endsAt: at(2, 7, 16) } });
  await prisma.registration.create({ data: { eventDateId: held.id, userId: taro.id, partySize: 2, status: "accepted", consentToShareContact: true } });
  await prisma.registration.create({ data: { eventDateId: held.id, userId: lan.id, partySize: 1, status: "attended", consentToShareContact: true } });
  await prisma.registration.create({ data: { eventDateId: held.id, userId: phoned.id, partySize: 1, status: "waitlisted", consentToShareContact: true } });

  const type = await prisma.placeType.findFirstOrThrow({ select: { id: true } });
  await prisma.place.create({ data: { groupId: group.id, typeId: type.id, name: "集計サロン", nameKana: "しゅうけいさろん", status: "published", publishedAt: at(9, 15), areaId: fujimi } });
}
