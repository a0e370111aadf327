import { prisma, type Tx } from "~/utils/db.server";
import { formatRange } from "~/utils/dates";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { localizeOne } from "~/modules/i18n/localize.server";
import { prepareEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { APPLICATION_STATUS, LIVE_APPLICATION_STATUSES, LIVE_REGISTRATION_STATUSES, REGISTRATION_STATUS } from "~/modules/participation/status";
import { reasonsText } from "./reason-text.server";
import { recommend, seekerForUser, type Recommendation } from "./recommend.server";
import { itemKey, type ItemKind, type Seeker } from "./types";

// The next step after an activity (plan measure ⑥, keep people taking part): once a resident's attendance is
// recorded, their page and a thank-you email suggest one or two ways to continue — the same group's next date, and
// a similar opening nearby — ranked by the matching like every other proposal, so they carry reasons too.

/** How long after an activity the resident's page keeps suggesting what comes next. */
export const NEXT_STEPS_DAYS = 45;

export type NextStep = Recommendation & { step: "same-group" | "similar" };

type Attended = { kind: Extract<ItemKind, "opening" | "event">; id: number; groupId: number; categoryIds: number[]; areaId: number | null };

async function attendedItem(kind: Attended["kind"], id: number): Promise<Attended | null> {
  const select = { id: true, groupId: true, areaId: true, categories: { select: { id: true } } } as const;
  const row = kind === "opening" ? await prisma.opening.findUnique({ where: { id }, select }) : await prisma.event.findUnique({ where: { id }, select });
  return row ? { kind, id: row.id, groupId: row.groupId, areaId: row.areaId, categoryIds: row.categories.map((c) => c.id) } : null;
}

/** Whether the resident already holds a place on a later shift or date of the item (then it is not a next step). */
async function alreadyGoingAgain(userId: number, item: Attended, now: Date): Promise<boolean> {
  if (item.kind === "opening") {
    return (await prisma.application.count({ where: { userId, status: { in: [...LIVE_APPLICATION_STATUSES] }, shift: { openingId: item.id, startsAt: { gt: now } } } })) > 0;
  }
  return (await prisma.registration.count({ where: { userId, status: { in: [...LIVE_REGISTRATION_STATUSES] }, eventDate: { eventId: item.id, startsAt: { gt: now } } } })) > 0;
}

/**
 * One or two ways to continue after `attended`: the same group's next date (the same opening or event again when it
 * has one, else another of the group's), then a similar opening nearby from another group (else a similar event or
 * place). The ranking sees the activity as done, whether or not the database says so yet.
 */
export async function nextStepsAfter(userId: number, attended: Attended, locale: string, now = new Date()): Promise<NextStep[]> {
  const own = await seekerForUser(userId);
  const history: Seeker["history"] = {
    attendedCategoryIds: [...new Set([...own.history.attendedCategoryIds, ...attended.categoryIds])],
    attendedGroupIds: [...new Set([...own.history.attendedGroupIds, attended.groupId])],
    hasHistory: true,
  };
  const key = itemKey(attended.kind, attended.id);
  const again = new Set(own.excluded);
  if (!(await alreadyGoingAgain(userId, attended, now))) again.delete(key);
  const [sameGroup] = await recommend({ ...own, history, excluded: again }, { locale, now, limit: 1, perGroup: 1, filter: (i) => i.groupId === attended.groupId });

  const shared = (ids: number[]) => ids.some((c) => attended.categoryIds.includes(c));
  const similarSeeker: Seeker = {
    ...own,
    history,
    categoryIds: [...new Set([...own.categoryIds, ...attended.categoryIds])],
    areaId: own.areaId ?? attended.areaId,
    excluded: new Set([...own.excluded, key, ...(sameGroup ? [itemKey(sameGroup.kind, sameGroup.id)] : [])]),
  };
  const similarOf = async (kinds: ItemKind[]) => (await recommend(similarSeeker, { locale, now, limit: 1, kinds, filter: (i) => i.groupId !== attended.groupId && shared(i.categoryIds) }))[0];
  const similar = (await similarOf(["opening"])) ?? (await similarOf(["event", "place"]));

  return [...(sameGroup ? [{ ...sameGroup, step: "same-group" as const }] : []), ...(similar ? [{ ...similar, step: "similar" as const }] : [])];
}

/** The resident's most recent activity they attended, within NEXT_STEPS_DAYS, with its next steps (for /me). */
export async function nextStepsForResident(userId: number, locale: string, now = new Date()) {
  const since = new Date(now.getTime() - NEXT_STEPS_DAYS * 86_400_000);
  const [application, registration] = await Promise.all([
    prisma.application.findFirst({
      where: { userId, status: APPLICATION_STATUS.attended, shift: { startsAt: { gte: since, lte: now } } },
      orderBy: { shift: { startsAt: "desc" } },
      select: { shift: { select: { startsAt: true, opening: { select: { id: true, title: true } } } } },
    }),
    prisma.registration.findFirst({
      where: { userId, status: REGISTRATION_STATUS.attended, eventDate: { startsAt: { gte: since, lte: now } } },
      orderBy: { eventDate: { startsAt: "desc" } },
      select: { eventDate: { select: { startsAt: true, event: { select: { id: true, title: true } } } } },
    }),
  ]);
  const latest =
    application && (!registration || application.shift.startsAt >= registration.eventDate.startsAt)
      ? { kind: "opening" as const, id: application.shift.opening.id, title: application.shift.opening.title }
      : registration
        ? { kind: "event" as const, id: registration.eventDate.event.id, title: registration.eventDate.event.title }
        : null;
  if (!latest) return null;
  const attended = await attendedItem(latest.kind, latest.id);
  if (!attended) return null;
  const steps = await nextStepsAfter(userId, attended, locale, now);
  return steps.length ? { after: { kind: latest.kind, id: latest.id, title: latest.title }, steps } : null;
}

/** A step as lines of the thank-you email: its title, when and why, and its page. */
async function emailLines(steps: NextStep[], locale: string) {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const mail = serverI18n.getFixedT(lng, "email");
  return Promise.all(
    steps.map(async (s) => {
      const why = await reasonsText(s.reasons, lng, 1);
      const when = s.startsAt ? formatRange(new Date(s.startsAt), null, lng) : "";
      return { lines: [s.title, [mail(`activity-thanks.step_${s.step}`), when, why].filter(Boolean).join(" / ")], url: appUrl(s.href) };
    }),
  );
}

/**
 * The thank-you email for an attendance being recorded, prepared before the transaction that records it (reading
 * and rendering need no lock); the returned insert runs inside it. Once per application or registration: recording
 * the attendance again (a correction) sends nothing more.
 */
export async function prepareThanks(input: {
  participation: { kind: "application" | "registration"; id: number };
  person: { id: number; email: string; name: string; locale: string };
  item: { kind: Attended["kind"]; id: number; title: string };
}): Promise<(tx: Tx) => Promise<void>> {
  const idempotencyKey = `activity-thanks/${input.participation.kind}/${input.participation.id}`;
  const [attended, title] = await Promise.all([attendedItem(input.item.kind, input.item.id), localizeOne(input.item.kind, { id: input.item.id, title: input.item.title }, ["title"] as const, input.person.locale)]);
  const steps = attended ? await nextStepsAfter(input.person.id, attended, input.person.locale) : [];
  const insert = await prepareEmail({
    to: input.person.email,
    userId: input.person.id,
    locale: input.person.locale,
    template: "activity-thanks",
    vars: {
      name: input.person.name,
      title: title.title,
      steps: await emailLines(steps, input.person.locale),
      more: appUrl("/match"),
      status: steps.length ? "steps" : "plain",
    },
  });
  return async (tx) => {
    if (await tx.emailOutbox.findUnique({ where: { idempotencyKey }, select: { id: true } })) return;
    await insert(tx, idempotencyKey);
  };
}
