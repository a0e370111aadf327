import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { PUBLIC_KINDS, isPublicKind, publicPath } from "~/modules/publishing/visibility";
import { localize, type TranslatableType } from "~/modules/i18n/localize.server";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { splitCodes } from "~/modules/listing/codes";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { APPLICATION_STATUS, REGISTRATION_STATUS } from "~/modules/participation/status";
import { avoidFromStored, interestIds, openSeeker, splitSkills } from "./answers";
import { COMMITMENTS, DEFAULT_REACH, FAMILY_AUDIENCE, REACHES, ROLES } from "./constants";
import { getCandidatePool, type PoolItem } from "./candidates.server";
import { rank, type Weights } from "./scoring";
import { itemKey, type ItemKind, type Reason, type Seeker } from "./types";

// Matching for a page: who the signed-in resident is as a Seeker (their profile and what they did), and the ranked
// items ready to show (localized title and summary, group, area, next time, places left, reasons).


/** A stored value when it is one of `allowed`, else the default. */
function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Applications that mean the resident took part (for "more of what they attended"). */
const TOOK_PART = new Set<string>([APPLICATION_STATUS.attended]);
const REGISTERED_AND_WENT = new Set<string>([REGISTRATION_STATUS.attended]);

type ProfileRow = {
  userId: number | bigint;
  locale: string;
  /** null: the resident has no profile row (every other column is null then too). */
  profileUserId: number | bigint | null;
  areaId: number | bigint | null;
  skills: string | null;
  languages: string | null;
  availability: number | bigint | null;
  prefersAtHome: boolean | number | null;
  prefersBeginner: boolean | number | null;
  reach: string | null;
  commitment: string | null;
  role: string | null;
  withChildren: boolean | number | null;
  avoid: string | null;
};
type TaxonRow = { userId: number | bigint; taxonomy: "category" | "audience"; id: number | bigint; slug: string };
/** One row per item applied to, registered for or dismissed, times its categories where they matter (else one, null). */
type HistoryRow = {
  userId: number | bigint;
  source: "application" | "registration" | "dismissal";
  status: string;
  kind: string;
  id: number | bigint;
  groupId: number | bigint | null;
  categoryId: number | bigint | null;
};

/** Residents read per round of the three queries (well inside every database's limit on bound parameters). */
const SEEKERS_PER_READ = 400;

/**
 * The resident as the ranking sees them: their profile (interests, audiences, skills, week, area and reach,
 * languages — the profile's and the one they read the site in —, preferences, things to avoid), what they did
 * (attended categories and groups), and what never to propose again: items they applied to or registered for in
 * any state (waiting, accepted, declined, withdrawn, attended) and items they dismissed (興味なし), whose categories
 * then weigh less.
 *
 * Every personal page (/match, the home page's proposals) asks this on every request: three plain, portable queries
 * instead of the ORM's nested selects, whose query building cost ~5 ms per request.
 */
export async function seekerForUser(userId: number): Promise<Seeker> {
  return (await seekersForUsers([userId])).get(userId) ?? openSeeker();
}

/**
 * The same for many residents at once (the talent register ranks every opted-in resident for an opening): the same
 * three queries for a batch of residents, not three per resident.
 */
export async function seekersForUsers(userIds: readonly number[]): Promise<Map<number, Seeker>> {
  const out = new Map<number, Seeker>();
  const ids = [...new Set(userIds)];
  for (let start = 0; start < ids.length; start += SEEKERS_PER_READ) {
    const batch = ids.slice(start, start + SEEKERS_PER_READ);
    const [users, taxa, history] = await readSeekerRows(batch);
    const taxaOf = groupBy(taxa);
    const historyOf = groupBy(history);
    for (const user of users) {
      const id = Number(user.userId);
      out.set(id, seekerOf(user, taxaOf.get(id) ?? [], historyOf.get(id) ?? []));
    }
  }
  return out;
}

function groupBy<T extends { userId: number | bigint }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.userId);
    const list = map.get(id);
    if (list) list.push(row);
    else map.set(id, [row]);
  }
  return map;
}

function readSeekerRows(userIds: number[]) {
  const ids = Prisma.join(userIds);
  return Promise.all([
    prisma.$queryRaw<ProfileRow[]>`
      SELECT u."id" AS "userId", u."locale", p."userId" AS "profileUserId", p."areaId", p."skills", p."languages", p."availability",
             p."prefersAtHome", p."prefersBeginner", p."reach", p."commitment", p."role", p."withChildren", p."avoid"
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
      WHERE u."id" IN (${ids})`,
    prisma.$queryRaw<TaxonRow[]>`
      SELECT x."B" AS "userId", 'category' AS "taxonomy", c."id", c."slug" FROM "_CategoryToProfile" x JOIN "Category" c ON c."id" = x."A" WHERE x."B" IN (${ids})
      UNION ALL
      SELECT x."B" AS "userId", 'audience' AS "taxonomy", a."id", a."slug" FROM "_AudienceToProfile" x JOIN "Audience" a ON a."id" = x."A" WHERE x."B" IN (${ids})
      ORDER BY 1, 2, 3`,
    // Categories are read only where they count: items attended (more of the same) and items dismissed (less).
    prisma.$queryRaw<HistoryRow[]>`
      SELECT a."userId", 'application' AS "source", a."status", 'opening' AS "kind", o."id", o."groupId", x."A" AS "categoryId"
      FROM "Application" a JOIN "Shift" s ON s."id" = a."shiftId" JOIN "Opening" o ON o."id" = s."openingId"
        LEFT JOIN "_CategoryToOpening" x ON x."B" = o."id" AND a."status" = ${APPLICATION_STATUS.attended}
      WHERE a."userId" IN (${ids})
      UNION ALL
      SELECT r."userId", 'registration' AS "source", r."status", 'event' AS "kind", e."id", e."groupId", x."A" AS "categoryId"
      FROM "Registration" r JOIN "EventDate" d ON d."id" = r."eventDateId" JOIN "Event" e ON e."id" = d."eventId"
        LEFT JOIN "_CategoryToEvent" x ON x."B" = e."id" AND r."status" = ${REGISTRATION_STATUS.attended}
      WHERE r."userId" IN (${ids})
      UNION ALL
      SELECT m."userId", 'dismissal' AS "source", '' AS "status", m."itemKind" AS "kind", m."itemId" AS "id", NULL AS "groupId",
             COALESCE(xo."A", xe."A", xp."A") AS "categoryId"
      FROM "MatchDismissal" m
        LEFT JOIN "_CategoryToOpening" xo ON m."itemKind" = 'opening' AND xo."B" = m."itemId"
        LEFT JOIN "_CategoryToEvent" xe ON m."itemKind" = 'event' AND xe."B" = m."itemId"
        LEFT JOIN "_CategoryToPlace" xp ON m."itemKind" = 'place' AND xp."B" = m."itemId"
      WHERE m."userId" IN (${ids})
      ORDER BY 1, 2, 4, 5, 7`,
  ]);
}

function seekerOf(user: ProfileRow, taxa: TaxonRow[], history: HistoryRow[]): Seeker {
  const profile = user.profileUserId != null ? user : null;
  const interests = taxa.filter((t) => t.taxonomy === "category").map((t) => ({ id: Number(t.id), slug: t.slug }));
  const audiences = taxa.filter((t) => t.taxonomy === "audience").map((t) => ({ id: Number(t.id), slug: t.slug }));
  const excluded = new Set<string>();
  const attendedCategoryIds = new Set<number>();
  const attendedGroupIds = new Set<number>();
  const dismissedCategoryIds: number[] = [];
  let hasHistory = false;
  for (const row of history) {
    if (!isPublicKind(row.kind)) continue;
    const id = Number(row.id);
    excluded.add(itemKey(row.kind, id));
    if (row.source === "dismissal") {
      if (row.categoryId != null) dismissedCategoryIds.push(Number(row.categoryId));
      continue;
    }
    const withdrawn = row.source === "application" ? row.status === APPLICATION_STATUS.withdrawn : row.status === REGISTRATION_STATUS.withdrawn;
    if (!withdrawn) hasHistory = true;
    const tookPart = row.source === "application" ? TOOK_PART.has(row.status) : REGISTERED_AND_WENT.has(row.status);
    if (tookPart) {
      attendedGroupIds.add(Number(row.groupId));
      if (row.categoryId != null) attendedCategoryIds.add(Number(row.categoryId));
    }
  }
  const languages = [...new Set([...splitCodes(profile?.languages ?? ",ja,"), ...(user.locale !== DEFAULT_LOCALE ? [user.locale] : [])])];
  const skills = splitSkills(profile?.skills ?? "");
  return {
    categoryIds: interestIds(interests, skills),
    audienceIds: audiences.map((a) => a.id),
    skills,
    availability: Number(profile?.availability ?? 0),
    areaId: profile?.areaId != null ? Number(profile.areaId) : null,
    reach: oneOf(REACHES, profile?.reach ?? undefined, DEFAULT_REACH),
    languages,
    prefersBeginner: Boolean(profile?.prefersBeginner),
    prefersAtHome: Boolean(profile?.prefersAtHome),
    commitment: oneOf(COMMITMENTS, profile?.commitment ?? undefined, ""),
    role: oneOf(ROLES, profile?.role ?? undefined, ""),
    withChildren: Boolean(profile?.withChildren),
    avoid: avoidFromStored(profile?.avoid ?? ","),
    history: { attendedCategoryIds: [...attendedCategoryIds], attendedGroupIds: [...attendedGroupIds], hasHistory },
    excluded,
    dismissedCategoryIds,
    supportsFamilies: audiences.some((a) => a.slug === FAMILY_AUDIENCE),
  };
}

/** One proposal, ready to show. */
export interface Recommendation {
  kind: ItemKind;
  id: number;
  href: string;
  title: string;
  summary: string;
  /** The language each text is really in (Japanese when not translated), for lang="…" on the page. */
  fieldLang: { title: string; summary: string; groupName: string; areaName: string };
  groupId: number;
  groupName: string;
  areaId: number | null;
  areaName: string | null;
  /** in-person | online | at-home | goods | skills */
  mode: string;
  /** The time the ranking went by (the soonest that fits the resident, else the soonest), ISO; null when none is listed. */
  startsAt: string | null;
  placesLeft: number | null;
  score: number;
  /** Strongest first. */
  reasons: Reason[];
}

export interface RecommendOptions {
  locale: string;
  /** How many (default 10). */
  limit?: number;
  /** Only these kinds (default all). */
  kinds?: readonly ItemKind[];
  /** At most this many of one group before the others (default 2). */
  perGroup?: number;
  /** Only candidates passing this test (e.g. published since the last digest). */
  filter?: (item: PoolItem) => boolean;
  now?: Date;
  /** For the evaluation's ablation. */
  weights?: Weights;
}

const TYPE_OF: Record<ItemKind, TranslatableType> = { opening: "opening", event: "event", place: "place" };

/** Titles and summaries in `locale` where a translation is approved, in one query per kind. */
async function localizeItems(items: PoolItem[], locale: string) {
  const texts = new Map<string, { title: string; summary: string; lang: { title: string; summary: string } }>();
  for (const kind of PUBLIC_KINDS) {
    const own = items.filter((i) => i.kind === kind);
    if (!own.length) continue;
    if (kind === "place") {
      const rows = await localize("place", own.map((i) => ({ id: i.id, name: i.title, summary: i.summary })), ["name", "summary"] as const, locale);
      for (const r of rows) texts.set(itemKey(kind, r.id), { title: r.name, summary: r.summary, lang: { title: r.fieldLang.name!, summary: r.fieldLang.summary! } });
    } else {
      const rows = await localize(TYPE_OF[kind], own.map((i) => ({ id: i.id, title: i.title, summary: i.summary })), ["title", "summary"] as const, locale);
      for (const r of rows) texts.set(itemKey(kind, r.id), { title: r.title, summary: r.summary, lang: { title: r.fieldLang.title!, summary: r.fieldLang.summary! } });
    }
  }
  return texts;
}

/** The items to propose to `seeker`, best first, ready to show in `locale`. */
export async function recommend(seeker: Seeker, options: RecommendOptions): Promise<Recommendation[]> {
  const now = options.now ?? new Date();
  const pool = await getCandidatePool(now);
  const candidates = options.filter ? pool.items.filter(options.filter) : pool.items;
  const ranked = rank(seeker, candidates, {
    now,
    areaDistanceKm: pool.areaDistanceKm,
    limit: options.limit,
    perGroup: options.perGroup,
    kinds: options.kinds,
    weights: options.weights,
  });
  if (ranked.length === 0) return [];
  const items = ranked.map((r) => pool.byKey.get(itemKey(r.kind, r.id))!);
  const groupsShown = [...new Map(items.map((i) => [i.groupId, { id: i.groupId, name: i.groupName }])).values()];
  const [texts, groups, taxonomy] = await Promise.all([
    localizeItems(items, options.locale),
    localize("group", groupsShown, ["name"] as const, options.locale),
    getTaxonomy(options.locale),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, { name: g.name, lang: g.fieldLang.name! }]));
  const areaOf = new Map(taxonomy.areas.map((a) => [a.id, a]));
  return ranked.map((r, n) => {
    const item = items[n]!;
    const text = texts.get(itemKey(r.kind, r.id))!;
    const group = groupName.get(item.groupId)!;
    const area = item.areaId != null ? areaOf.get(item.areaId) : undefined;
    return {
      kind: r.kind,
      id: r.id,
      href: publicPath(r.kind, r.id),
      title: text.title,
      summary: text.summary,
      fieldLang: { title: text.lang.title, summary: text.lang.summary, groupName: group.lang, areaName: area?.lang ?? DEFAULT_LOCALE },
      groupId: item.groupId,
      groupName: group.name,
      areaId: item.areaId,
      areaName: area?.name ?? null,
      mode: item.mode,
      startsAt: r.startsAt ? r.startsAt.toISOString() : null,
      placesLeft: item.placesLeft,
      score: r.score,
      reasons: r.reasons,
    };
  });
}

export type DismissResult = { ok: true } | { ok: false; error: "unknown-kind" | "not-found" };

/**
 * 「興味なし」: the item is never proposed to this resident again, and its categories weigh less for them. Pressing it
 * twice (or from two tabs at once) leaves one dismissal. Only items that exist can be dismissed.
 */
export async function dismiss(userId: number, kind: string, id: number): Promise<DismissResult> {
  if (!isPublicKind(kind)) return { ok: false, error: "unknown-kind" };
  if (!Number.isInteger(id) || id <= 0) return { ok: false, error: "not-found" };
  const select = { id: true } as const;
  const exists =
    kind === "opening"
      ? await prisma.opening.findUnique({ where: { id }, select })
      : kind === "event"
        ? await prisma.event.findUnique({ where: { id }, select })
        : await prisma.place.findUnique({ where: { id }, select });
  if (!exists) return { ok: false, error: "not-found" };
  const key = { userId, itemKind: kind, itemId: id };
  try {
    await prisma.matchDismissal.upsert({ where: { userId_itemKind_itemId: key }, create: key, update: {}, select: { id: true } });
  } catch (error) {
    // Two presses at once: the other one's row is the dismissal.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return { ok: true };
}

/** Takes a dismissal back (the resident changed their mind); nothing happens when there was none. */
export async function undoDismiss(userId: number, kind: string, id: number): Promise<void> {
  if (!isPublicKind(kind)) return;
  await prisma.matchDismissal.deleteMany({ where: { userId, itemKind: kind, itemId: id } });
}
