import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { tokyoSlot } from "~/utils/dates";
import { hashPassword } from "~/modules/auth/password.server";
import { createUserSession, SESSION_POLICIES, type SessionPolicy } from "~/modules/auth/session.server";
import { GROUP_STATUS, ITEM_STATUS } from "~/modules/publishing/visibility";
import type { GroupRole } from "~/modules/groups/permissions";
import { kindOfAmount } from "~/modules/fees/fee";
import { cookiePair, TEST_PASSWORD, uniqueEmail } from "./auth";

// The people, groups and items a test needs, written through Prisma into the worker's real SQLite file (never a
// mock). Defaults read like the portal's own data (Japanese names and titles); a test names only what it is about.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type TestUser = { id: number; email: string; name: string; password: string };
type Ref = { id: number };

/** An instant `days` from now (negative: in the past), for dates and shifts. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

// argon2 at its real cost is slow on purpose; every test person shares one hash of TEST_PASSWORD.
let testPasswordHash: Promise<string> | undefined;
function passwordHash(password: string): Promise<string> {
  if (password !== TEST_PASSWORD) return hashPassword(password);
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  return testPasswordHash;
}

type PersonOptions = {
  email?: string;
  name?: string;
  password?: string;
  /** false: signed up but never confirmed the address. */
  verified?: boolean;
  status?: string;
  phone?: string;
  /** The day-before reminder setting of the profile. */
  reminders?: boolean;
};

async function createPerson(roleNames: string[], options: PersonOptions): Promise<TestUser> {
  const email = options.email ?? uniqueEmail("person");
  const name = options.name ?? "鶴ヶ島 太郎";
  const password = options.password ?? TEST_PASSWORD;
  const roles = await prisma.role.findMany({ where: { name: { in: roleNames } }, select: { id: true } });
  const user = await prisma.user.create({
    data: {
      email,
      name,
      status: options.status ?? "active",
      emailVerifiedAt: options.verified === false ? null : new Date(),
      password: { create: { hash: await passwordHash(password) } },
      roles: { create: roles.map((role) => ({ roleId: role.id })) },
      profile: { create: { phone: options.phone ?? "", notifyReminders: options.reminders ?? true } },
    },
    select: { id: true },
  });
  return { id: user.id, email, name, password };
}

/** A confirmed resident account with TEST_PASSWORD (or `password`). */
export function createResident(options: PersonOptions = {}): Promise<TestUser> {
  return createPerson(["resident"], options);
}

/** A council staff member (also a resident, as staff accounts are). */
export function createStaff(options: PersonOptions = {}): Promise<TestUser> {
  return createPerson(["resident", "staff"], { name: "社協 職員", ...options });
}

/** `count` residents in three statements, for rushes of hundreds; ids in creation order. */
export async function createResidents(count: number): Promise<number[]> {
  const tag = uniqueEmail("crowd").replace("@", "-");
  const emails = Array.from({ length: count }, (_, i) => `${tag}-${i}@test.example.jp`);
  await prisma.user.createMany({ data: emails.map((email, i) => ({ email, name: `参加者 ${i + 1}`, emailVerifiedAt: new Date() })) });
  const ids = (await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true }, orderBy: { id: "asc" } })).map((u) => u.id);
  const resident = await prisma.role.findUniqueOrThrow({ where: { name: "resident" }, select: { id: true } });
  await prisma.userRole.createMany({ data: ids.map((userId) => ({ userId, roleId: resident.id })) });
  await prisma.profile.createMany({ data: ids.map((userId) => ({ userId })) });
  return ids;
}

/** Signs `user` in directly (a session row, as a login makes); returns the Cookie header value. */
export async function createSession(user: Ref, policy: SessionPolicy = SESSION_POLICIES.RESIDENT): Promise<string> {
  return cookiePair(await createUserSession(user.id, policy));
}

type GroupOptions = { status?: string; owner?: Ref } & Partial<Omit<Prisma.GroupUncheckedCreateInput, "id" | "status" | "members">>;

/** A group (approved unless `status` says otherwise), owned by `owner` when given. */
export async function createGroup({ status = GROUP_STATUS.approved, owner, ...fields }: GroupOptions = {}) {
  return prisma.group.create({
    data: {
      name: "鶴ヶ島 試験の会",
      nameKana: "ツルガシマ シケンノカイ",
      ...fields,
      status,
      approvedAt: status === GROUP_STATUS.approved ? new Date() : null,
      members: owner ? { create: { userId: owner.id, role: "owner" } } : undefined,
    },
    select: { id: true, name: true },
  });
}

/** Makes `user` an owner or editor of `group`. */
export async function addMember(group: Ref, user: Ref, role: GroupRole) {
  await prisma.groupMember.create({ data: { groupId: group.id, userId: user.id, role } });
}

type ItemOptions = { status?: string };
type PlaceOptions = ItemOptions & Partial<Omit<Prisma.PlaceUncheckedCreateInput, "id" | "groupId" | "status">>;

/** A place of `group` (published unless `status` says otherwise), of the first place type unless `typeId` says. */
export async function createPlace(group: Ref, { status = ITEM_STATUS.published, ...fields }: PlaceOptions = {}) {
  const typeId = fields.typeId ?? (await prisma.placeType.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } })).id;
  return prisma.place.create({
    data: { name: "試験の居場所", nameKana: "しけんのいばしょ", ...fields, ...feeKindOf(fields), typeId, groupId: group.id, status },
    select: { id: true, name: true },
  });
}

type DateInput = { startsAt: Date; endsAt?: Date } & Partial<Omit<Prisma.EventDateUncheckedCreateInput, "id" | "eventId" | "startsAt" | "endsAt">>;
type EventOptions = ItemOptions & { dates?: DateInput[] } & Partial<Omit<Prisma.EventUncheckedCreateInput, "id" | "groupId" | "status" | "dates">>;

/** A fee given only as an amount (fee: 0) means what it meant before fees had kinds: 0 free, more paid. */
function feeKindOf(fields: { fee?: number | null; feeKind?: string }) {
  return { feeKind: fields.feeKind ?? kindOfAmount(fields.fee ?? null) };
}

/** An event of `group` with its dates (default: one, a week from now, two hours long). */
export async function createEvent(group: Ref, { status = ITEM_STATUS.published, dates = [{ startsAt: daysFromNow(7) }], ...fields }: EventOptions = {}) {
  const event = await prisma.event.create({
    data: {
      title: "試験の催し 健康講座",
      ...fields,
      ...feeKindOf(fields),
      groupId: group.id,
      status,
      dates: { create: dates.map(({ startsAt, endsAt, ...date }) => ({ startsAt, endsAt: endsAt ?? new Date(startsAt.getTime() + 2 * HOUR_MS), ...tokyoSlot(startsAt), ...date })) },
    },
    select: { id: true, title: true, dates: { select: { id: true }, orderBy: { id: "asc" } } },
  });
  return { id: event.id, title: event.title, dateIds: event.dates.map((d) => d.id) };
}

type ShiftInput = { startsAt: Date; endsAt?: Date } & Partial<Omit<Prisma.ShiftUncheckedCreateInput, "id" | "openingId" | "startsAt" | "endsAt">>;
type OpeningOptions = ItemOptions & { shifts?: ShiftInput[] } & Partial<Omit<Prisma.OpeningUncheckedCreateInput, "id" | "groupId" | "status" | "shifts">>;

/** A volunteer opening of `group` with its shifts (default: one, a week from now, two hours, five slots). */
export async function createOpening(group: Ref, { status = ITEM_STATUS.published, shifts = [{ startsAt: daysFromNow(7) }], ...fields }: OpeningOptions = {}) {
  const opening = await prisma.opening.create({
    data: {
      title: "試験のボランティア募集 公園清掃",
      ...fields,
      groupId: group.id,
      status,
      shifts: { create: shifts.map(({ startsAt, endsAt, ...shift }) => ({ startsAt, endsAt: endsAt ?? new Date(startsAt.getTime() + 2 * HOUR_MS), slots: 5, ...tokyoSlot(startsAt), ...shift })) },
    },
    select: { id: true, title: true, shifts: { select: { id: true }, orderBy: { id: "asc" } } },
  });
  return { id: opening.id, title: opening.title, shiftIds: opening.shifts.map((s) => s.id) };
}
