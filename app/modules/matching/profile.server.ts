import { prisma, type Tx } from "~/utils/db.server";
import { joinCodes, splitCodes } from "~/modules/listing/codes";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { avoidFromStored, avoidToStored, profileFromAnswers, type MatchAnswers } from "./answers";
import { DEFAULT_REACH } from "./constants";
import { commitmentChoice, maskOfSlots, roleChoice, slotsOfMask, splitStoredSkills, toCommitment, toRole, type ProfileChoices, type ProfileInput } from "./profile-schema";

// A resident's matching profile (/me/profile): read for the form, written from it. The opt-in to the talent register
// (人材バンク) is a consent under APPI: giving it records a Consent row with the version of the explanation the resident
// read, and withdrawing it marks that row revoked, so staff and the resident's data export show when and what.

/** The version of the explanation shown next to the talent-register checkbox (profile:talent.*). */
export const TALENT_REGISTER_VERSION = "2026-12";
export const TALENT_REGISTER_CONSENT = "talent-register";

/** The ids the form may choose from: anything else is refused on its field. */
export async function profileChoices(): Promise<ProfileChoices> {
  const [areas, categories, audiences] = await Promise.all([
    prisma.area.findMany({ select: { id: true } }),
    prisma.category.findMany({ select: { id: true } }),
    prisma.audience.findMany({ select: { id: true } }),
  ]);
  return { areaIds: areas.map((a) => a.id), categoryIds: categories.map((c) => c.id), audienceIds: audiences.map((a) => a.id) };
}

/** The profile as the form shows it, with the choices in the reader's language. */
export async function getMatchProfile(userId: number, locale: string) {
  const [profile, taxonomy] = await Promise.all([
    prisma.profile.findUnique({
      where: { userId },
      select: {
        areaId: true,
        skills: true,
        languages: true,
        availability: true,
        reach: true,
        commitment: true,
        role: true,
        prefersBeginner: true,
        prefersAtHome: true,
        withChildren: true,
        avoid: true,
        notifyDigest: true,
        discoverableByStaff: true,
        interests: { select: { id: true } },
        audiences: { select: { id: true } },
      },
    }),
    getTaxonomy(locale),
  ]);
  const skills = splitStoredSkills(profile?.skills ?? "");
  return {
    taxonomy: { areas: taxonomy.areas, categories: taxonomy.categories, audiences: taxonomy.audiences },
    values: {
      categoryIds: (profile?.interests ?? []).map((c) => String(c.id)),
      audienceIds: (profile?.audiences ?? []).map((a) => String(a.id)),
      skills: skills.common,
      otherSkills: skills.other,
      availability: slotsOfMask(profile?.availability ?? 0),
      areaId: profile?.areaId ? String(profile.areaId) : "",
      reach: profile?.reach ?? DEFAULT_REACH,
      languages: splitCodes(profile?.languages ?? ",ja,"),
      prefersBeginner: profile?.prefersBeginner ?? false,
      prefersAtHome: profile?.prefersAtHome ?? false,
      withChildren: profile?.withChildren ?? false,
      commitment: commitmentChoice(profile?.commitment ?? ""),
      role: roleChoice(profile?.role ?? ""),
      avoid: avoidFromStored(profile?.avoid ?? ","),
      notifyDigest: profile?.notifyDigest ?? false,
      discoverableByStaff: profile?.discoverableByStaff ?? false,
    },
  };
}

/** Records that the resident joined or left the talent register, once per change (a save that keeps it as it was records nothing). */
async function recordTalentConsent(tx: Tx, userId: number, discoverable: boolean, now: Date) {
  const active = await tx.consent.findMany({ where: { userId, kind: TALENT_REGISTER_CONSENT, revokedAt: null }, select: { id: true } });
  if (discoverable && !active.length) {
    await tx.consent.create({ data: { userId, kind: TALENT_REGISTER_CONSENT, version: TALENT_REGISTER_VERSION, method: "online", grantedAt: now }, select: { id: true } });
  } else if (!discoverable && active.length) {
    await tx.consent.updateMany({ where: { id: { in: active.map((c) => c.id) } }, data: { revokedAt: now } });
  }
}

/** Saves the whole form (validated by profileSchema with the database's ids) in one transaction. */
export async function saveMatchProfile(userId: number, input: ProfileInput, now = new Date()) {
  const data = {
    areaId: input.areaId,
    skills: [...input.skills, ...input.otherSkills.filter((s) => !input.skills.includes(s))].join("、"),
    languages: joinCodes(input.languages),
    availability: maskOfSlots(input.availability),
    reach: input.reach,
    commitment: toCommitment(input.commitment),
    role: toRole(input.role),
    prefersBeginner: input.prefersBeginner,
    prefersAtHome: input.prefersAtHome,
    withChildren: input.withChildren,
    avoid: avoidToStored(input.avoid),
    notifyDigest: input.notifyDigest,
    discoverableByStaff: input.discoverableByStaff,
  };
  const interests = input.categoryIds.map((id) => ({ id }));
  const audiences = input.audienceIds.map((id) => ({ id }));
  await prisma.$transaction(async (tx) => {
    await tx.profile.upsert({
      where: { userId },
      create: { userId, ...data, interests: { connect: interests }, audiences: { connect: audiences } },
      update: { ...data, interests: { set: interests }, audiences: { set: audiences } },
      select: { userId: true },
    });
    await recordTalentConsent(tx, userId, input.discoverableByStaff, now);
  });
}

/**
 * The profile a resident starts with when they sign up after the quick match: their answers (liked categories and
 * audiences, free times, area, reach, things to avoid) with the slugs turned into today's ids.
 */
export async function startingProfileFromAnswers(answers: MatchAnswers) {
  return profileFromAnswers(answers, await getTaxonomy("ja"));
}
