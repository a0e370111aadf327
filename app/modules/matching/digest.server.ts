import { WRITE_TX, prisma } from "~/utils/db.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { prepareEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { isUndeliverableAddress } from "~/modules/email/undeliverable";
import { fitsPerson } from "./fit";
import { reasonsText } from "./reason-text.server";
import { recommend, seekerForUser } from "./recommend.server";
import { digestUnsubscribeUrl } from "./unsubscribe.server";

// The weekly digest (opt-in, Profile.notifyDigest): for each resident who asked for it, at most one email in
// DIGEST_INTERVAL_DAYS, and only when something published since their last digest fits them — up to DIGEST_ITEMS
// items, ranked by the same scoring as their recommendations, each with its reasons, in their language, with links
// to the items, to their profile, and a one-click unsubscribe (RFC 8058 List-Unsubscribe headers too).
//
// Safe on several processes: a resident's digest is claimed by a conditional update of digestSentAt (from the value
// this run read to now) in the transaction that queues the email, so two runs at once queue it once. Nothing new that
// fits: nothing is queued and digestSentAt stays, so the next digest still covers everything since the last one.

export const DIGEST_INTERVAL_DAYS = 7;
/** The most items one digest lists: a short email gets read. */
export const DIGEST_ITEMS = 5;
/** Residents handled per run; the rest wait for the next run (stalest first). */
const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Queues the digests that are due. Returns how many were queued. `now` is when this run happens: items published
 * after a resident's last digest (or in the last DIGEST_INTERVAL_DAYS for a first one) and up to `now` count as new.
 */
export async function queueWeeklyDigests(now = new Date()): Promise<number> {
  const dueBefore = new Date(now.getTime() - DIGEST_INTERVAL_DAYS * DAY_MS);
  const residents = await prisma.user.findMany({
    where: {
      status: "active",
      emailVerifiedAt: { not: null },
      profile: { is: { notifyDigest: true, OR: [{ digestSentAt: null }, { digestSentAt: { lte: dueBefore } }] } },
    },
    select: { id: true, name: true, email: true, locale: true, profile: { select: { digestSentAt: true } } },
    orderBy: [{ profile: { digestSentAt: { sort: "asc", nulls: "first" } } }, { id: "asc" }],
    take: BATCH,
  });
  let queued = 0;
  for (const person of residents) {
    if (isUndeliverableAddress(person.email)) continue;
    const lastSent = person.profile?.digestSentAt ?? null;
    if (await queueDigest(person, lastSent, now)) queued += 1;
  }
  return queued;
}

type Resident = { id: number; name: string; email: string; locale: string };

async function queueDigest(person: Resident, lastSent: Date | null, now: Date): Promise<boolean> {
  const since = lastSent ?? new Date(now.getTime() - DIGEST_INTERVAL_DAYS * DAY_MS);
  const seeker = await seekerForUser(person.id);
  const items = (
    await recommend(seeker, {
      locale: person.locale,
      now,
      // Ranked among the new ones only, so an older item cannot take a new one's place; more are asked for than
      // shown because items that fit nothing about the person are dropped below.
      limit: DIGEST_ITEMS * 2,
      filter: (item) => item.publishedAt !== null && item.publishedAt > since && item.publishedAt <= now,
    })
  )
    .filter((item) => fitsPerson(item.reasons))
    .slice(0, DIGEST_ITEMS);
  if (items.length === 0) return false;

  const mail = serverI18n.getFixedT(isLocale(person.locale) ? person.locale : DEFAULT_LOCALE, "email");
  const insert = await prepareEmail({
    to: person.email,
    userId: person.id,
    locale: person.locale,
    template: "digest",
    vars: {
      name: person.name,
      items: await Promise.all(
        items.map(async (item) => ({ lines: [item.title, mail("digest.why", { reasons: await reasonsText(item.reasons, person.locale) })], url: appUrl(item.href) })),
      ),
      profileLink: appUrl("/me/profile"),
      unsubscribe: digestUnsubscribeUrl(person.id, now),
    },
  });
  return prisma.$transaction(async (tx) => {
    // The claim: only the run that moves digestSentAt from what it read queues the email. The opt-in is checked
    // again here, so a resident who unsubscribed while this run was ranking gets nothing.
    const claimed = await tx.profile.updateMany({ where: { userId: person.id, notifyDigest: true, digestSentAt: lastSent }, data: { digestSentAt: now } });
    if (claimed.count !== 1) return false;
    await insert(tx, `digest/u${person.id}/${now.getTime()}`);
    return true;
  }, WRITE_TX);
}
