import { Prisma } from "~/generated/prisma/client";
import { WRITE_TX, prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { consumeRateLimit, type RateLimitRule } from "~/modules/auth/rate-limit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { isUndeliverableAddress } from "~/modules/email/undeliverable";
import { localize } from "~/modules/i18n/localize.server";
import { publicPath, publicWhere } from "~/modules/publishing/visibility";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { isAvailable } from "./answers";
import { getCandidatePool } from "./candidates.server";
import { fitsPerson } from "./fit";
import { reasonsText } from "./reason-text.server";
import { seekerForUser, seekersForUsers } from "./recommend.server";
import { rank } from "./scoring";
import { itemKey, type Band, type Candidate, type Reason, type Seeker, type Weekday } from "./types";

// Staff discovery (人材バンク, welfare plan ⑧): for an opening short of volunteers, the residents who opted in to be
// found by staff (Profile.discoverableByStaff) and fit it, ranked with reasons by the same scoring as everyone's
// recommendations (each resident's seeker against this one candidate), and an invitation through the portal.
//
// What this may show and do, and why:
// - Only opted-in, active residents, read at every request: withdrawing the opt-in removes someone at once, and an
//   invitation checks it again.
// - Name, area, the skills and times that match, and the reasons; never an address or phone number (staff who must
//   phone someone open the person's page, which is audited on its own).
// - Staff only (the routes use requireStaff: a group member gets the 404 of a page that does not exist), and every
//   view is an audit entry naming who was shown, every invitation one too.
// - An invitation is an email with the opening's link, in the resident's language; nothing is applied for them. One
//   per person and opening (MatchInvitation is unique), one person per click, a ceiling per opening and a pace per
//   staff member, so the register cannot become a mailing list.

export const TALENT_VIEWED = "talent.viewed";
export const TALENT_INVITED = "talent.invited";

/** How many people the page lists: the best fits; staff call a few, not everyone. */
export const DISCOVERY_LIMIT = 30;
/** Invitations to one opening, in all: beyond this the opening needs a rethink (or a flyer), not more emails. */
export const MAX_INVITATIONS_PER_OPENING = 20;
/** Invitations one staff member may send in an hour, across openings. */
export const INVITES_PER_STAFF: RateLimitRule = { name: "talent-invite-staff", limit: 30, windowSeconds: 60 * 60 };
/** Openings whose next free places are this far ahead or nearer are "short"; later ones can still fill by themselves. */
const SHORT_HORIZON_DAYS = 60;
const DAY_MS = 86_400_000;

export type ShortOpening = {
  id: number;
  title: string;
  titleLang: string;
  groupName: string;
  groupLang: string;
  /** The soonest shift with free places, ISO; null for an ongoing opening. */
  nextStartsAt: string | null;
  nextEndsAt: string | null;
  placesLeft: number;
  invited: number;
};

type OpenShift = { openingId: number; startsAt: Date; endsAt: Date | null; slots: number | null; acceptedCount: number };

/** Free places of the open shifts of public openings, ahead (or ongoing), grouped by opening. */
async function freePlacesByOpening(now: Date, openingIds?: number[]) {
  const horizon = new Date(now.getTime() + SHORT_HORIZON_DAYS * DAY_MS);
  const shifts: OpenShift[] = await prisma.shift.findMany({
    where: {
      status: "open",
      slots: { not: null },
      opening: publicWhere("opening"),
      ...(openingIds ? { openingId: { in: openingIds } } : {}),
      OR: [{ startsAt: { gte: now, lt: horizon } }, { endsAt: null }],
    },
    select: { openingId: true, startsAt: true, endsAt: true, slots: true, acceptedCount: true },
    orderBy: { startsAt: "asc" },
  });
  const byOpening = new Map<number, { next: OpenShift | null; placesLeft: number }>();
  for (const s of shifts) {
    const left = (s.slots ?? 0) - s.acceptedCount;
    if (left <= 0) continue;
    const seen = byOpening.get(s.openingId) ?? { next: null, placesLeft: 0 };
    byOpening.set(s.openingId, { next: seen.next ?? (s.endsAt === null ? null : s), placesLeft: seen.placesLeft + left });
  }
  return byOpening;
}

/**
 * Public openings with free places in a shift within SHORT_HORIZON_DAYS (or an ongoing one), soonest first (ongoing
 * last): where staff look for people.
 */
export async function listShortOpenings(locale: string, now = new Date()): Promise<ShortOpening[]> {
  const free = await freePlacesByOpening(now);
  if (free.size === 0) return [];
  const rows = await prisma.opening.findMany({
    where: { id: { in: [...free.keys()] }, ...publicWhere("opening") },
    select: { id: true, title: true, group: { select: { id: true, name: true } }, _count: { select: { invitations: true } } },
  });
  const [titles, groups] = await Promise.all([
    localize("opening", rows.map((r) => ({ id: r.id, title: r.title })), ["title"] as const, locale),
    localize("group", [...new Map(rows.map((r) => [r.group.id, r.group])).values()], ["name"] as const, locale),
  ]);
  const titleOf = new Map(titles.map((t) => [t.id, t]));
  const groupOf = new Map(groups.map((g) => [g.id, g]));
  return rows
    .map((r) => {
      const f = free.get(r.id)!;
      const title = titleOf.get(r.id)!;
      const group = groupOf.get(r.group.id)!;
      return {
        id: r.id,
        title: title.title,
        titleLang: title.fieldLang.title!,
        groupName: group.name,
        groupLang: group.fieldLang.name!,
        nextStartsAt: f.next ? f.next.startsAt.toISOString() : null,
        nextEndsAt: f.next?.endsAt ? f.next.endsAt.toISOString() : null,
        placesLeft: f.placesLeft,
        invited: r._count.invitations,
      };
    })
    .sort((a, b) => (a.nextStartsAt ?? "~").localeCompare(b.nextStartsAt ?? "~") || a.id - b.id);
}

export type DiscoveryOpening = ShortOpening & { areaName: string | null; skills: string[] };

/** The opening as the discovery page heads it; null when it is not public (the page is then a 404). */
export async function getDiscoveryOpening(openingId: number, locale: string, now = new Date()): Promise<DiscoveryOpening | null> {
  const row = await prisma.opening.findFirst({
    where: { id: openingId, ...publicWhere("opening") },
    select: { id: true, title: true, skills: true, areaId: true, group: { select: { id: true, name: true } }, _count: { select: { invitations: true } } },
  });
  if (!row) return null;
  const [[title], [group], taxonomy, free] = await Promise.all([
    localize("opening", [{ id: row.id, title: row.title }], ["title"] as const, locale),
    localize("group", [row.group], ["name"] as const, locale),
    getTaxonomy(locale),
    freePlacesByOpening(now, [row.id]),
  ]);
  const f = free.get(row.id);
  return {
    id: row.id,
    title: title!.title,
    titleLang: title!.fieldLang.title!,
    groupName: group!.name,
    groupLang: group!.fieldLang.name!,
    nextStartsAt: f?.next ? f.next.startsAt.toISOString() : null,
    nextEndsAt: f?.next?.endsAt ? f.next.endsAt.toISOString() : null,
    placesLeft: f?.placesLeft ?? 0,
    invited: row._count.invitations,
    areaName: taxonomy.areas.find((a) => a.id === row.areaId)?.name ?? null,
    skills: row.skills.split("、").map((s) => s.trim()).filter(Boolean),
  };
}

export type DiscoveredPerson = {
  userId: number;
  name: string;
  areaName: string | null;
  /** Their skills the opening asks for. */
  skills: string[];
  /** Times of the opening they said they are free at (at most three); empty when they gave no week. */
  times: { weekday: Weekday; band: Band }[];
  reasons: Reason[];
  score: number;
  invitedAt: string | null;
  /** false without a confirmed address (someone registered by staff without email): an invitation cannot reach them. */
  canEmail: boolean;
};

/** The opted-in residents staff may see: active, with the opt-in on now. */
const optedInWhere = { status: "active", profile: { is: { discoverableByStaff: true } } } satisfies Prisma.UserWhereInput;

function matchedTimes(seeker: Seeker, candidate: Candidate) {
  if (seeker.availability === 0) return [];
  const seen = new Set<string>();
  const out: { weekday: Weekday; band: Band }[] = [];
  for (const t of candidate.times) {
    const key = `${t.weekday}-${t.band}`;
    if (seen.has(key) || !isAvailable(seeker.availability, t.weekday, t.band)) continue;
    seen.add(key);
    out.push({ weekday: t.weekday, band: t.band });
    if (out.length === 3) break;
  }
  return out;
}

/** How one resident fits one candidate: the ranking's score and reasons, or null when it does not fit them. */
function fitOf(seeker: Seeker, candidate: Candidate, areaDistanceKm: (a: number, b: number) => number | null, now: Date) {
  const [ranked] = rank(seeker, [candidate], { now, areaDistanceKm, limit: 1, perGroup: 1 });
  if (!ranked || !fitsPerson(ranked.reasons)) return null;
  const skillReasons = ranked.reasons.filter((r) => r.code === "skill").map((r) => String(r.values?.skill ?? ""));
  const skills = [...new Set([...skillReasons, ...seeker.skills.filter((s) => candidate.skills.includes(s))])].filter(Boolean);
  return { score: ranked.score, reasons: ranked.reasons, skills, times: matchedTimes(seeker, candidate) };
}

/**
 * The opted-in residents who fit the opening, best first, and the audit entry of this view (who looked, and whom
 * they were shown). Residents who already applied or dismissed it are not shown (the ranking excludes them).
 */
export async function discoverPeople(input: { openingId: number; staffId: number; locale: string; now?: Date }): Promise<DiscoveredPerson[]> {
  const now = input.now ?? new Date();
  const pool = await getCandidatePool(now);
  const candidate = pool.byKey.get(itemKey("opening", input.openingId));
  const people = candidate
    ? await prisma.user.findMany({
        where: optedInWhere,
        select: {
          id: true,
          name: true,
          email: true,
          emailVerifiedAt: true,
          profile: { select: { areaId: true } },
          matchInvitations: { where: { openingId: input.openingId }, select: { createdAt: true } },
        },
        orderBy: { id: "asc" },
      })
    : [];
  const [taxonomy, seekers] = await Promise.all([getTaxonomy(input.locale), seekersForUsers(people.map((p) => p.id))]);
  const areas = new Map(taxonomy.areas.map((a) => [a.id, a.name]));
  const found: DiscoveredPerson[] = [];
  for (const person of people) {
    const seeker = seekers.get(person.id);
    const fit = seeker ? fitOf(seeker, candidate!, pool.areaDistanceKm, now) : null;
    if (!fit) continue;
    found.push({
      userId: person.id,
      name: person.name,
      areaName: person.profile?.areaId != null ? (areas.get(person.profile.areaId) ?? null) : null,
      ...fit,
      invitedAt: person.matchInvitations[0]?.createdAt.toISOString() ?? null,
      canEmail: person.emailVerifiedAt !== null && !isUndeliverableAddress(person.email),
    });
  }
  const shown = found.sort((a, b) => b.score - a.score || a.userId - b.userId).slice(0, DISCOVERY_LIMIT);
  await recordAudit(prisma, {
    actorId: input.staffId,
    action: TALENT_VIEWED,
    entityType: "opening",
    entityId: input.openingId,
    detail: { shown: shown.map((p) => p.userId) },
  });
  return shown;
}

export type InviteRefusal = "not-found" | "not-listed" | "already" | "no-email" | "cap" | "rate";
export type InviteResult = { ok: true; name: string } | { ok: false; reason: InviteRefusal; retryAfterSeconds?: number };

/**
 * Invites one opted-in resident to a public opening: a MatchInvitation row, an audit entry and the email in their
 * language, in one transaction. Never twice for the same person and opening; nothing is applied for them.
 */
export async function inviteToOpening(input: { openingId: number; userId: number; staffId: number; now?: Date }): Promise<InviteResult> {
  const now = input.now ?? new Date();
  const opening = await prisma.opening.findFirst({
    where: { id: input.openingId, ...publicWhere("opening") },
    select: { id: true, title: true, group: { select: { id: true, name: true } }, _count: { select: { invitations: true } } },
  });
  if (!opening) return { ok: false, reason: "not-found" };
  const person = await prisma.user.findFirst({
    where: { id: input.userId, ...optedInWhere },
    select: { id: true, name: true, email: true, emailVerifiedAt: true, locale: true, matchInvitations: { where: { openingId: opening.id }, select: { id: true } } },
  });
  if (!person) return { ok: false, reason: "not-listed" };
  if (person.matchInvitations.length) return { ok: false, reason: "already" };
  if (isUndeliverableAddress(person.email) || !person.emailVerifiedAt) return { ok: false, reason: "no-email" };
  if (opening._count.invitations >= MAX_INVITATIONS_PER_OPENING) return { ok: false, reason: "cap" };
  const paced = await consumeRateLimit(INVITES_PER_STAFF, String(input.staffId), now);
  if (!paced.allowed) return { ok: false, reason: "rate", retryAfterSeconds: paced.retryAfterSeconds };

  // The email says why this opening, in the resident's words: the same reasons the staff saw.
  const pool = await getCandidatePool(now);
  const candidate = pool.byKey.get(itemKey("opening", opening.id));
  const fit = candidate ? fitOf(await seekerForUser(person.id), candidate, pool.areaDistanceKm, now) : null;
  const [[title], [group]] = await Promise.all([
    localize("opening", [{ id: opening.id, title: opening.title }], ["title"] as const, person.locale),
    localize("group", [opening.group], ["name"] as const, person.locale),
  ]);
  const reasons = await reasonsText(fit?.reasons ?? [], person.locale);

  try {
    await prisma.$transaction(async (tx) => {
      await tx.matchInvitation.create({ data: { openingId: opening.id, userId: person.id, sentById: input.staffId, createdAt: now }, select: { id: true } });
      await recordAudit(tx, { actorId: input.staffId, action: TALENT_INVITED, entityType: "user", entityId: person.id, detail: { openingId: opening.id } });
      await enqueueEmail(tx, {
        to: person.email,
        userId: person.id,
        locale: person.locale,
        template: "match-invitation",
        vars: { name: person.name, title: title!.title, group: group!.name, reasons, link: appUrl(publicPath("opening", opening.id)), profileLink: appUrl("/me/profile") },
        idempotencyKey: `match-invitation/o${opening.id}/u${person.id}`,
      });
    }, WRITE_TX);
  } catch (error) {
    // Two staff pressing at once: the other one's invitation is the one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "already" };
    throw error;
  }
  return { ok: true, name: person.name };
}

