import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { isEmptyAnswers, parseAnswers, seekerFromAnswers } from "./answers";
import { parseHidden } from "./quick-match";
import { recommend, seekerForUser, type Recommendation } from "./recommend.server";
import type { Seeker } from "./types";

// What /match shows: for anyone who answered the questions, the items that fit the answers; for a signed-in
// resident, also the items that fit their profile. A signed-in resident's dismissals (興味なし), applications and
// registrations are never proposed again, whichever list; a visitor without an account sets items aside in the
// address (hide=…) instead.

export const QUICK_MATCH_LIMIT = 10;
export const PROFILE_MATCH_LIMIT = 6;

/** Whether the profile says anything the ranking can use beyond the defaults. */
function profileSaysSomething(seeker: Seeker): boolean {
  return seeker.categoryIds.length > 0 || seeker.audienceIds.length > 0 || seeker.skills.length > 0 || seeker.availability !== 0 || seeker.areaId !== null;
}

export async function matchPage(input: { search: URLSearchParams; locale: string; userId: number | null }) {
  const answers = parseAnswers(input.search);
  const hidden = parseHidden(input.search);
  const [taxonomy, own] = await Promise.all([getTaxonomy(input.locale), input.userId ? seekerForUser(input.userId) : null]);
  const answered = !isEmptyAnswers(answers);
  const excluded = new Set<string>([...hidden, ...(own?.excluded ?? [])]);

  let forAnswers: Recommendation[] = [];
  if (answered) {
    const seeker = seekerFromAnswers(answers, taxonomy, { languages: [input.locale], excluded });
    // What a signed-in resident dismissed weighs on the answers' list too: the ranking learns from 興味なし.
    if (own) seeker.dismissedCategoryIds = own.dismissedCategoryIds;
    forAnswers = await recommend(seeker, { locale: input.locale, limit: QUICK_MATCH_LIMIT });
  }
  const forProfile = own ? await recommend(own, { locale: input.locale, limit: PROFILE_MATCH_LIMIT }) : null;

  return {
    answers,
    answered,
    hiddenCount: hidden.size,
    forAnswers,
    forProfile,
    profileFilled: own ? profileSaysSomething(own) : false,
    taxonomy: { categories: taxonomy.categories, audiences: taxonomy.audiences, areas: taxonomy.areas },
  };
}

/** A few items for the home page of a signed-in resident, from their profile and what they did. */
export async function homeRecommendations(userId: number, locale: string, limit = 3): Promise<Recommendation[]> {
  return recommend(await seekerForUser(userId), { locale, limit });
}
