import { WRITE_TX, prisma, type Tx } from "~/utils/db.server";
import { enqueueEmail, prepareEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { addDays, formatRange, startOfTokyoDay, tokyoParts } from "~/utils/dates";
import { LIVE_APPLICATION_STATUSES, LIVE_REGISTRATION_STATUSES } from "./status";
import { SIGNUP_DIGEST_HOUR, SIGNUP_NOTICE, SIGNUP_NOTICES, type SignupNotice } from "./signup-notice";

// Telling a group's members that someone applied to a shift or registered for a date: an email per sign-up for
// members who chose "each" (the default), one summary a day for those who chose "daily", nothing for "none".

type Organiser = { userId: number; email: string; name: string; locale: string };

export type SignupToTell = {
  groupId: number;
  /** The resident who signed up: a member signing up for their own group's item is not told about themselves. */
  userId: number;
  person: string;
  status: "application" | "registration";
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  partySize: number;
  /** The workspace page listing who signed up. */
  path: string;
};

/**
 * The per-sign-up emails, rendered before the caller's transaction (the registration rush path: see
 * prepareEmail); the returned function only inserts them, keyed by the application's or registration's own key.
 */
export async function prepareSignupNotices(signup: SignupToTell): Promise<(tx: Tx, signupKey: string) => Promise<void>> {
  // Plain SQL, as on the rest of the rushed path.
  const organisers = await prisma.$queryRaw<Organiser[]>`
    SELECT u."id" AS "userId", u."email", u."name", u."locale"
    FROM "GroupMember" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."groupId" = ${signup.groupId} AND m."signupNotice" = ${SIGNUP_NOTICE.each} AND u."status" = 'active' AND u."id" <> ${signup.userId}`;
  if (!organisers.length) return async () => {};
  const inserts = await Promise.all(
    organisers.map(async (o) => ({
      userId: o.userId,
      insert: await prepareEmail({
        to: o.email,
        userId: o.userId,
        locale: o.locale,
        template: "signup-received",
        vars: {
          name: o.name,
          title: signup.title,
          when: formatRange(signup.startsAt, signup.endsAt, o.locale),
          person: signup.person,
          partySize: signup.partySize,
          status: signup.status,
          link: appUrl(signup.path),
        },
      }),
    })),
  );
  return async (tx, signupKey) => {
    for (const { userId, insert } of inserts) await insert(tx, `signup-received/${signupKey}/u${userId}`);
  };
}

/** A member chooses how they hear of sign-ups; false when they are not a member of the group. */
export async function setSignupNotice(input: { groupId: number; userId: number; notice: SignupNotice }) {
  if (!SIGNUP_NOTICES.includes(input.notice)) return false;
  const changed = await prisma.groupMember.updateMany({ where: { groupId: input.groupId, userId: input.userId }, data: { signupNotice: input.notice } });
  return changed.count === 1;
}

export async function getSignupNotice(groupId: number, userId: number): Promise<SignupNotice | null> {
  const member = await prisma.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { signupNotice: true } });
  if (!member) return null;
  return (SIGNUP_NOTICES as readonly string[]).includes(member.signupNotice) ? (member.signupNotice as SignupNotice) : SIGNUP_NOTICE.each;
}

/**
 * Queues the daily summary for members who chose it: once per Tokyo day, from SIGNUP_DIGEST_HOUR, covering the
 * sign-ups since their previous summary (the last day for the first one). No sign-ups, no email; the day still
 * counts as done. Safe on several instances: each member's summary is claimed by a conditional update.
 */
export async function queueSignupDigests(now = new Date()) {
  if (tokyoParts(now).hour < SIGNUP_DIGEST_HOUR) return 0;
  const today = startOfTokyoDay(now);
  const members = await prisma.groupMember.findMany({
    where: { signupNotice: SIGNUP_NOTICE.daily, OR: [{ signupDigestSentAt: null }, { signupDigestSentAt: { lt: today } }], user: { status: "active" } },
    select: { groupId: true, userId: true, signupDigestSentAt: true, user: { select: { email: true, name: true, locale: true } }, group: { select: { name: true } } },
    take: 500,
  });
  // The sign-ups of each group are read once, from its earliest member's last summary; each member then counts
  // those after their own (members of one group would otherwise run the same two queries each).
  const sinceOf = (m: (typeof members)[number]) => m.signupDigestSentAt ?? addDays(now, -1);
  const signupsByGroup = new Map<number, Promise<GroupSignups>>();
  let queued = 0;
  for (const m of members) {
    const since = sinceOf(m);
    if (!signupsByGroup.has(m.groupId)) {
      const earliest = new Date(Math.min(...members.filter((o) => o.groupId === m.groupId).map((o) => sinceOf(o).getTime())));
      signupsByGroup.set(m.groupId, groupSignups(m.groupId, earliest, now));
    }
    const { apps, regs } = await signupsByGroup.get(m.groupId)!;
    const lng = isLocale(m.user.locale) ? m.user.locale : DEFAULT_LOCALE;
    const t = serverI18n.getFixedT(lng, "email");
    const tally = new Map<string, { title: string; count: number; people: number; kind: "application" | "registration" }>();
    for (const a of apps.filter((a) => a.queuedAt > since)) {
      const key = `o${a.shift.opening.id}`;
      const row = tally.get(key) ?? { title: a.shift.opening.title, count: 0, people: 0, kind: "application" as const };
      tally.set(key, { ...row, count: row.count + 1, people: row.people + 1 });
    }
    for (const r of regs.filter((r) => r.queuedAt > since)) {
      const key = `e${r.eventDate.event.id}`;
      const row = tally.get(key) ?? { title: r.eventDate.event.title, count: 0, people: 0, kind: "registration" as const };
      tally.set(key, { ...row, count: row.count + 1, people: row.people + r.partySize });
    }
    const lines = [...tally.values()].map((row) => t(`signup-digest.line_${row.kind}`, { title: row.title, count: row.count, people: row.people }));
    const done = await prisma.$transaction(async (tx) => {
      const claimed = await tx.groupMember.updateMany({
        where: { groupId: m.groupId, userId: m.userId, signupDigestSentAt: m.signupDigestSentAt },
        data: { signupDigestSentAt: now },
      });
      if (claimed.count !== 1 || !lines.length) return false;
      await enqueueEmail(tx, {
        to: m.user.email,
        userId: m.userId,
        locale: m.user.locale,
        template: "signup-digest",
        vars: { name: m.user.name, group: m.group.name, lines, link: appUrl(`/manage/groups/${m.groupId}`) },
        idempotencyKey: `signup-digest/g${m.groupId}/u${m.userId}/${now.getTime()}`,
      });
      return true;
    }, WRITE_TX);
    if (done) queued += 1;
  }
  return queued;
}

type GroupSignups = Awaited<ReturnType<typeof groupSignups>>;

/** A group's live applications and registrations queued in (since, now]. */
async function groupSignups(groupId: number, since: Date, now: Date) {
  const window = { gt: since, lte: now };
  const [apps, regs] = await Promise.all([
    prisma.application.findMany({
      where: { queuedAt: window, status: { in: [...LIVE_APPLICATION_STATUSES] }, shift: { opening: { groupId } } },
      select: { queuedAt: true, shift: { select: { opening: { select: { id: true, title: true } } } } },
    }),
    prisma.registration.findMany({
      where: { queuedAt: window, status: { in: [...LIVE_REGISTRATION_STATUSES] }, eventDate: { event: { groupId } } },
      select: { queuedAt: true, partySize: true, eventDate: { select: { event: { select: { id: true, title: true } } } } },
    }),
  ]);
  return { apps, regs };
}
