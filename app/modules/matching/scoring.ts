import { availabilityBit } from "./answers";
import { DEFAULT_LANGUAGE, FEW_LEFT, FOREIGN_LANGUAGE_WORD, FRESH_DAYS, JAPANESE_LANGUAGES, LANGUAGE_SKILL_WORDS, NEIGHBOUR_KM, NEW_DAYS } from "./constants";
import { itemKey, type Candidate, type ItemKind, type Ranked, type Reason, type ReasonCode, type Seeker } from "./types";

// The ranking: which openings, events and places to propose to one resident, and why. A pure function of the seeker,
// the candidates and a clock, so it is unit-tested factor by factor and evaluated offline (npm run eval:matching).
//
// Each factor adds to (or takes from) an item's score, and each positive contribution the resident would recognise
// becomes a Reason of that strength: the reasons shown are the strongest contributions. A few answers are hard
// filters rather than weights — what the resident asked to avoid, items already full, and items they dismissed,
// applied to or registered for — because proposing those would break the resident's trust in the list.
//
// Speed: called with every published item (10,000 in the benchmark) on each personal page, so the per-item pass
// allocates nothing: sets are built once per call, reasons only for the items that make the list.

/**
 * How much each factor weighs. Chosen by hand against the coordinator's proposals in the evaluation set
 * (docs/matching.md tells how); exported so the evaluation can switch a factor off.
 */
export const WEIGHTS = {
  /** One of its categories is among the resident's interests… */
  interest: 10,
  /** …and a second one too. */
  interestMore: 0.75,
  /** It is for or with people the resident likes to help (audiences). */
  audience: 1.5,
  /** It asks for a skill the resident has (or a language they speak, if they also read Japanese to work from). */
  skill: 6,
  /** An opening that lists no skills names one of the resident's in its title or summary. */
  skillInWords: 3,
  /** Penalty: it asks for skills the resident did not name (half when it is for beginners). */
  skillMissing: 4.5,
  /** One of its upcoming times falls in the resident's free times (half for at-home items, done when it suits). */
  time: 3,
  /** Penalty: it has upcoming times and none falls in the resident's free times. */
  timeMismatch: 9,
  /** In the resident's own area. */
  ownArea: 2.5,
  /** In a neighbouring area the resident will go to. */
  nearArea: 1,
  /** Penalty: farther than the resident will go (twice for someone who stays in their own area and it is not even next door). */
  farArea: 12,
  /** From home or online, for a resident who prefers that (0 since the evaluation: the penalty below on in-person
   * items already puts these first for them, and a bonus as well pushed at-home items with nothing else in common
   * above ones that fit)… */
  atHome: 0,
  /** …and the penalty for in-person items then. */
  inPerson: 6,
  /** Held in (or needs) a language the resident speaks besides Japanese. */
  language: 2,
  /** Penalty: only in Japanese, for a resident who does not read Japanese. */
  languageMissing: 3,
  /** Beginner-friendly, for a resident with no history yet (less once they have taken part). */
  beginner: 1.5,
  /** Penalty: not for beginners, for a resident who asked for beginner-friendly things. */
  notBeginner: 1.5,
  /** Few places left: a nudge to fill it. */
  fewLeft: 0.6,
  /** Newly published (fades over FRESH_DAYS). */
  fresh: 0.8,
  /** In a category the resident attended before. */
  likeBefore: 1.2,
  /** By a group the resident attended before. */
  sameGroup: 1.5,
  /** Penalty per dismissed item sharing a category (at most three count). */
  dismissed: 1.5,
  /** One-off or regular as the resident prefers (half as penalty when not). */
  commitment: 1,
  /** Children can come along, for a resident who wants to bring them… */
  withChildren: 1.5,
  /** …and the penalty when they cannot. */
  noChildren: 1,
  /** Penalty: a salon or gathering made for parents with small children, for someone who comes without children. */
  familiesOnly: 5,
  /** Penalty: giving goods (a donation), for someone who did not ask for things to do from home. */
  goods: 9,
  /** A way to help (an opening, a volunteers' training) for someone who wants to help; as much less for someone who
   * wants to join in. */
  role: 2,
};
export type Weights = typeof WEIGHTS;
export type WeightKey = keyof Weights;

/** The factors the evaluation switches off one at a time, and the weights each one is made of. */
export const FACTORS = {
  interest: ["interest", "interestMore"],
  audience: ["audience"],
  skill: ["skill", "skillInWords", "skillMissing"],
  availability: ["time", "timeMismatch"],
  area: ["ownArea", "nearArea", "farArea"],
  "at-home": ["atHome", "inPerson", "goods"],
  language: ["language", "languageMissing"],
  beginner: ["beginner", "notBeginner"],
  "places-left": ["fewLeft"],
  freshness: ["fresh"],
  history: ["likeBefore", "sameGroup"],
  dismissals: ["dismissed"],
  commitment: ["commitment"],
  "with-children": ["withChildren", "noChildren"],
  families: ["familiesOnly"],
  role: ["role"],
} as const satisfies Record<string, readonly WeightKey[]>;
export type Factor = keyof typeof FACTORS;

/** The weights with one factor switched off. */
export function weightsWithout(factor: Factor, base: Weights = WEIGHTS): Weights {
  const out = { ...base };
  for (const key of FACTORS[factor]) out[key] = 0;
  return out;
}

export interface RankContext {
  now: Date;
  /** Distance in km between two areas' centres, null when either is unknown. Called at most once per area. */
  areaDistanceKm: (a: number, b: number) => number | null;
  /** How many to return (default 10). */
  limit?: number;
  /** At most this many from one group among any `window` consecutive items, while other groups have items left (default 2 in 5). */
  perGroup?: number;
  window?: number;
  /** Only these kinds (default all). */
  kinds?: readonly ItemKind[];
  /** For the evaluation's ablation; default WEIGHTS. */
  weights?: Weights;
}

export const DEFAULT_LIMIT = 10;
export const DEFAULT_PER_GROUP = 3;
export const DEFAULT_WINDOW = 5;

const DAY_MS = 86_400_000;
/** Distance classes of a candidate's area from the seeker's. */
const SAME = 0;
const NEAR = 1;
const FAR = 2;
const UNKNOWN = 3;
/** Modes where the place does not matter (and the time is a deadline, not a meeting): done at home or given. */
const REMOTE_MODES = new Set(["at-home", "online", "goods"]);
const TIMELESS_MODES = new Set(["at-home", "goods"]);

type Prepared = {
  seeker: Seeker;
  w: Weights;
  nowMs: number;
  categories: Set<number>;
  audiences: Set<number>;
  attendedCategories: Set<number>;
  attendedGroups: Set<number>;
  dismissed: Map<number, number>;
  excluded: Record<ItemKind, Set<number>>;
  kinds: Set<ItemKind> | null;
  skills: string[];
  skillSet: Set<string>;
  /** Skill words of the seeker's languages (ベトナム語 for vi) → the language code. */
  languageSkills: Map<string, string>;
  otherLanguages: Set<string>;
  readsJapanese: boolean;
  caresForFamilies: boolean;
  mask: number;
  avoidMornings: boolean;
  avoidEvenings: boolean;
  avoidWeekdays: boolean;
  avoidWeekends: boolean;
  avoidFee: boolean;
  avoidInPerson: boolean;
  avoidOutdoors: boolean;
  areaClass: Map<number, number>;
  areaDistanceKm: RankContext["areaDistanceKm"];
  /** Set by evaluate(): the index of the time it went by (-1 = none). */
  timeIndex: number;
};

function prepare(seeker: Seeker, ctx: RankContext): Prepared {
  const excluded: Record<ItemKind, Set<number>> = { opening: new Set(), event: new Set(), place: new Set() };
  for (const key of seeker.excluded) {
    const colon = key.indexOf(":");
    const bucket = excluded[key.slice(0, colon) as ItemKind];
    const id = Number(key.slice(colon + 1));
    if (bucket && Number.isInteger(id)) bucket.add(id);
  }
  const dismissed = new Map<number, number>();
  for (const id of seeker.dismissedCategoryIds) dismissed.set(id, (dismissed.get(id) ?? 0) + 1);
  const languageSkills = new Map<string, string>();
  const otherLanguages = new Set<string>();
  let readsJapanese = seeker.languages.length === 0;
  for (const lang of seeker.languages) {
    if ((JAPANESE_LANGUAGES as readonly string[]).includes(lang)) readsJapanese = true;
    else otherLanguages.add(lang);
  }
  // A language is a skill (translating, interpreting) for someone who also reads ordinary Japanese to work from.
  if (seeker.languages.includes(DEFAULT_LANGUAGE)) {
    for (const lang of otherLanguages) {
      const word = LANGUAGE_SKILL_WORDS[lang];
      if (word) languageSkills.set(word, lang);
      if (!languageSkills.has(FOREIGN_LANGUAGE_WORD)) languageSkills.set(FOREIGN_LANGUAGE_WORD, lang);
    }
  }
  const avoid = new Set(seeker.avoid);
  return {
    seeker,
    w: ctx.weights ?? WEIGHTS,
    nowMs: ctx.now.getTime(),
    categories: new Set(seeker.categoryIds),
    audiences: new Set(seeker.audienceIds),
    attendedCategories: new Set(seeker.history.attendedCategoryIds),
    attendedGroups: new Set(seeker.history.attendedGroupIds),
    dismissed,
    excluded,
    kinds: ctx.kinds ? new Set(ctx.kinds) : null,
    skills: seeker.skills,
    skillSet: new Set(seeker.skills),
    languageSkills,
    otherLanguages,
    readsJapanese,
    caresForFamilies: seeker.withChildren || seeker.supportsFamilies === true,
    mask: seeker.availability,
    avoidMornings: avoid.has("mornings"),
    avoidEvenings: avoid.has("evenings"),
    avoidWeekdays: avoid.has("weekdays"),
    avoidWeekends: avoid.has("weekends"),
    avoidFee: avoid.has("fee"),
    avoidInPerson: avoid.has("in-person"),
    avoidOutdoors: avoid.has("outdoors"),
    areaClass: new Map(),
    areaDistanceKm: ctx.areaDistanceKm,
    timeIndex: -1,
  };
}

function areaClassOf(p: Prepared, areaId: number | null): number {
  const home = p.seeker.areaId;
  if (home == null || areaId == null) return UNKNOWN;
  if (areaId === home) return SAME;
  let cls = p.areaClass.get(areaId);
  if (cls === undefined) {
    const km = p.areaDistanceKm(home, areaId);
    cls = km == null ? UNKNOWN : km <= NEIGHBOUR_KM ? NEAR : FAR;
    p.areaClass.set(areaId, cls);
  }
  return cls;
}

/** The skill of the candidate the seeker has (normalised words, either containing the other), or null. */
function sharedSkill(p: Prepared, wanted: string[]): string | null {
  for (const k of wanted) {
    if (p.skillSet.has(k)) return k;
    for (const s of p.skills) if (s.length > 1 && (k.includes(s) || s.includes(k))) return k;
  }
  return null;
}

/** One of the resident's skills (two characters or more) written in an opening's words. */
function skillInWords(p: Prepared, words: string): string | null {
  for (const s of p.skills) if (s.length > 1 && words.includes(s)) return s;
  return null;
}

function languageSkill(p: Prepared, wanted: string[]): string | null {
  if (p.languageSkills.size === 0) return null;
  for (const k of wanted) {
    const lang = p.languageSkills.get(k);
    if (lang) return lang;
  }
  return null;
}

/** A reason under construction, with its strength (the score it added). */
type Scored = { code: ReasonCode; values?: Record<string, string | number>; s: number };

/**
 * The score of one candidate, or -Infinity when it must not be proposed. With `out`, the positive contributions a
 * resident would recognise are pushed to it as reasons. Sets p.timeIndex to the time it went by.
 */
function evaluate(c: Candidate, p: Prepared, out: Scored[] | null): number {
  const { seeker, w } = p;
  p.timeIndex = -1;
  if (p.excluded[c.kind].has(c.id)) return -Infinity;
  if (p.kinds && !p.kinds.has(c.kind)) return -Infinity;
  if (c.placesLeft === 0) return -Infinity;
  if (p.avoidFee && c.hasFee) return -Infinity;
  const remote = REMOTE_MODES.has(c.mode);
  if (p.avoidInPerson && !remote) return -Infinity;
  if (p.avoidOutdoors && c.outdoors) return -Infinity;

  let score = 0;

  // What it is about, and for whom.
  let matched = 0;
  let firstCategory = -1;
  for (const id of c.categoryIds) {
    if (p.categories.has(id)) {
      if (matched === 0) firstCategory = id;
      matched++;
    }
  }
  if (matched > 0) {
    const s = w.interest + (matched > 1 ? w.interestMore : 0);
    score += s;
    if (out && s > 0) out.push({ code: "interest", values: { category: firstCategory }, s });
  }
  for (const id of c.audienceIds) {
    if (p.audiences.has(id)) {
      score += w.audience;
      if (out && w.audience > 0) out.push({ code: "audience", values: { audience: id }, s: w.audience });
      break;
    }
  }

  // When: the first upcoming time not ruled out by what they avoid, preferably one they are free at.
  const timeless = TIMELESS_MODES.has(c.mode) || c.times.length === 0;
  if (!timeless) {
    let firstAllowed = -1;
    let firstFitting = -1;
    const times = c.times;
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      if (t.startsAt.getTime() < p.nowMs) continue;
      const weekend = t.weekday >= 5;
      if ((p.avoidWeekends && weekend) || (p.avoidWeekdays && !weekend)) continue;
      if ((p.avoidMornings && t.band === 0) || (p.avoidEvenings && t.band === 2)) continue;
      if (firstAllowed < 0) firstAllowed = i;
      if (p.mask === 0 || (p.mask & availabilityBit(t.weekday, t.band)) !== 0) {
        firstFitting = i;
        break;
      }
    }
    // Every time is past or avoided: nothing left to join.
    if (firstAllowed < 0) return -Infinity;
    p.timeIndex = firstFitting >= 0 ? firstFitting : firstAllowed;
    if (p.mask !== 0) {
      if (firstFitting >= 0) {
        score += w.time;
        if (out && w.time > 0) {
          const t = times[firstFitting]!;
          out.push({ code: "time", values: { weekday: t.weekday, band: t.band }, s: w.time });
        }
      } else score -= w.timeMismatch;
    }
  } else {
    if (c.times.length) p.timeIndex = 0;
    // Done at home when it suits them: it probably fits their week. (Ongoing openings with no times listed and
    // giving goods: nobody knows, so neither plus nor minus.)
    if (p.mask !== 0 && c.mode === "at-home") score += w.time * 0.5;
  }

  // Skills, and languages as skills (translation, interpreting).
  if (c.skills.length) {
    const skill = sharedSkill(p, c.skills);
    const lang = skill ? null : languageSkill(p, c.skills);
    if (skill) {
      score += w.skill;
      if (out && w.skill > 0) out.push({ code: "skill", values: { skill }, s: w.skill });
    } else if (lang) {
      score += w.skill;
      if (out && w.skill > 0) out.push({ code: "language", values: { language: lang }, s: w.skill });
    } else score -= c.beginnerFriendly ? w.skillMissing * 0.5 : w.skillMissing;
  } else if (c.words && p.skills.length) {
    const named = skillInWords(p, c.words);
    if (named) {
      score += w.skillInWords;
      if (out && w.skillInWords > 0) out.push({ code: "skill", values: { skill: named }, s: w.skillInWords });
    }
  }

  // Where.
  if (remote) {
    if (c.mode !== "goods") {
      const s = seeker.prefersAtHome ? w.atHome : w.atHome * 0.2;
      score += s;
      // A reason even with no bonus of its own: for someone who asked for it, the in-person items it passes lost
      // inPerson each; for anyone, it is why the distance did not count.
      const strength = seeker.prefersAtHome ? Math.max(s, w.inPerson) : Math.max(s, w.inPerson * 0.1);
      if (out && strength > 0) out.push({ code: c.mode === "online" ? "online" : "at-home", s: strength });
    } else if (seeker.prefersAtHome || p.avoidInPerson) score += w.atHome * 0.5;
    // Giving goods is for someone who cannot give time; to someone offering their time it is not a proposal.
    else score -= w.goods;
  } else {
    if (seeker.prefersAtHome) score -= w.inPerson;
    const cls = areaClassOf(p, c.areaId);
    if (cls === SAME) {
      score += w.ownArea;
      if (out && w.ownArea > 0) out.push({ code: "own-area", s: w.ownArea });
    } else if (cls === NEAR) {
      if (seeker.reach === "own") score -= w.farArea;
      else {
        score += w.nearArea;
        if (out && w.nearArea > 0) out.push({ code: "near", values: { area: c.areaId! }, s: w.nearArea });
      }
    } else if (cls === FAR && seeker.reach !== "city") score -= seeker.reach === "own" ? 2 * w.farArea : w.farArea;
  }

  // Language: held in one they speak besides Japanese; or only in Japanese for someone who does not read it.
  if (p.otherLanguages.size) {
    let shared: string | null = null;
    for (const lang of c.languages) {
      if (p.otherLanguages.has(lang)) {
        shared = lang;
        break;
      }
    }
    if (shared) {
      score += w.language;
      if (out && w.language > 0) out.push({ code: "language", values: { language: shared }, s: w.language });
    } else if (!p.readsJapanese) score -= w.languageMissing;
  }

  // Beginners.
  if (c.beginnerFriendly) {
    const s = w.beginner * (seeker.history.hasHistory ? 0.3 : 1) * (seeker.prefersBeginner ? 1.5 : 1);
    score += s;
    if (out && s > 0 && (!seeker.history.hasHistory || seeker.prefersBeginner)) out.push({ code: "beginner", s });
  } else if (seeker.prefersBeginner) score -= w.notBeginner;

  // Places left.
  if (c.placesLeft !== null && c.placesLeft <= FEW_LEFT) {
    score += w.fewLeft;
    if (out && w.fewLeft > 0) out.push({ code: "few-left", values: { count: c.placesLeft }, s: w.fewLeft });
  }

  // Freshness.
  if (c.publishedAt) {
    const age = (p.nowMs - c.publishedAt.getTime()) / DAY_MS;
    if (age >= 0 && age < FRESH_DAYS) {
      const s = w.fresh * (1 - age / FRESH_DAYS);
      score += s;
      if (out && s > 0 && age <= NEW_DAYS) out.push({ code: "new", s });
    }
  }

  // What they did before, and what they dismissed.
  if (p.attendedCategories.size) {
    for (const id of c.categoryIds) {
      if (p.attendedCategories.has(id)) {
        score += w.likeBefore;
        if (out && w.likeBefore > 0) out.push({ code: "like-before", s: w.likeBefore });
        break;
      }
    }
  }
  if (p.attendedGroups.has(c.groupId)) {
    score += w.sameGroup;
    if (out && w.sameGroup > 0) out.push({ code: "same-group", s: w.sameGroup });
  }
  if (p.dismissed.size) {
    let count = 0;
    for (const id of c.categoryIds) count += p.dismissed.get(id) ?? 0;
    score -= w.dismissed * Math.min(count, 3);
  }

  // One-off or regular; with children.
  if (seeker.commitment) {
    const wanted = seeker.commitment === "regular";
    if (c.regular === wanted) {
      score += w.commitment;
      if (out && w.commitment > 0) out.push({ code: c.regular ? "regular" : "one-off", s: w.commitment });
    } else score -= w.commitment * 0.5;
  }
  if (seeker.withChildren) {
    if (c.childFriendly) {
      score += w.withChildren;
      if (out && w.withChildren > 0) out.push({ code: "with-children", s: w.withChildren });
    } else score -= w.noChildren;
  } else if (c.forFamilies && !p.caresForFamilies) score -= w.familiesOnly;

  // Helping or joining in: ways to help come first for someone who wants to help, and step back for someone who
  // wants to join in. Salons and gatherings stay as they are for both (helpers go there too).
  // With nothing said, a way to help still comes a little first: this is a volunteer portal, and the openings are
  // what is short of people.
  if (c.kind === "opening" || c.forHelpers === true) score += seeker.role === "help" ? w.role : seeker.role === "join" ? -w.role : w.role / 2;
  else if (c.kind === "event" && seeker.role === "help") score -= w.role * 0.5;

  return score;
}

function explain(c: Candidate, p: Prepared, score: number): Ranked {
  const scored: Scored[] = [];
  evaluate(c, p, scored);
  // Strongest first; equal strengths keep the order above (what, when, where…).
  const order = scored.map((r, i) => ({ r, i })).sort((a, b) => b.r.s - a.r.s || a.i - b.i);
  const reasons: Reason[] = order.map(({ r }) => (r.values ? { code: r.code, values: r.values } : { code: r.code }));
  const time = p.timeIndex >= 0 ? c.times[p.timeIndex]! : null;
  return { kind: c.kind, id: c.id, score: Math.round(score * 1000) / 1000, reasons, startsAt: time ? time.startsAt : null };
}

/** A binary max-heap of candidate indices by score (ties: the earlier candidate first), built in place in O(n). */
class MaxHeap {
  constructor(
    private readonly items: Int32Array,
    public size: number,
    private readonly scores: Float64Array,
  ) {
    for (let k = (size >> 1) - 1; k >= 0; k--) this.down(k);
  }

  private above(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa > sb || (sa === sb && a < b);
  }

  private down(k: number) {
    const items = this.items;
    const n = this.size;
    const item = items[k]!;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && this.above(items[child + 1]!, items[child]!)) child++;
      if (!this.above(items[child]!, item)) break;
      items[k] = items[child]!;
      k = child;
    }
    items[k] = item;
  }

  pop(): number {
    const top = this.items[0]!;
    this.size--;
    if (this.size > 0) {
      this.items[0] = this.items[this.size]!;
      this.down(0);
    }
    return top;
  }
}

/**
 * The candidates worth proposing to `seeker`, best first, each with its reasons (strongest first). Items the seeker
 * excluded, is avoiding or cannot join (full, or no upcoming time left) never appear. Diversity: among any `window`
 * consecutive items at most `perGroup` of one group (2 in 5), as long as other groups have items left.
 */
export function rank(seeker: Seeker, candidates: readonly Candidate[], ctx: RankContext): Ranked[] {
  const limit = ctx.limit ?? DEFAULT_LIMIT;
  const perGroup = ctx.perGroup ?? DEFAULT_PER_GROUP;
  const window = Math.max(1, ctx.window ?? DEFAULT_WINDOW);
  if (limit <= 0 || candidates.length === 0) return [];
  const p = prepare(seeker, ctx);
  const n = candidates.length;
  const scores = new Float64Array(n);
  const order = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const s = evaluate(candidates[i]!, p, null);
    if (s === -Infinity) continue;
    scores[i] = s;
    order[kept++] = i;
  }
  // Best first, lazily: a heap gives the next best in O(log n), and the list needs only the first few.
  const heap = new MaxHeap(order, kept, scores);

  // Diversity: each next place goes to the best item whose group has fewer than perGroup items among the window - 1
  // places before it; when no such item is left, to the best one (a list of one group is better than none).
  // Items passed over wait, best first, in `waiting`: they are always better than what the heap still holds.
  const picked: number[] = [];
  const waiting: number[] = [];
  // One activity is shown once, under whichever of its pages ranks first.
  const shown = new Set<string>();
  const groupOf = (i: number) => candidates[i]!.groupId;
  const shownAlready = (i: number) => {
    const c = candidates[i]!;
    return shown.has(itemKey(c.kind, c.id)) || (c.sameActivityAs !== undefined && shown.has(c.sameActivityAs));
  };
  const fits = (i: number) => {
    const group = groupOf(i);
    let count = 0;
    for (let k = Math.max(0, picked.length - window + 1); k < picked.length; k++) if (groupOf(picked[k]!) === group) count++;
    return count < perGroup;
  };
  while (picked.length < limit && (waiting.length > 0 || heap.size > 0)) {
    let chosen = -1;
    const w = waiting.findIndex(fits);
    if (w >= 0) chosen = waiting.splice(w, 1)[0]!;
    while (chosen < 0 && heap.size > 0) {
      const i = heap.pop();
      if (fits(i)) chosen = i;
      else waiting.push(i);
    }
    if (chosen < 0) chosen = waiting.shift()!;
    if (shownAlready(chosen)) continue;
    picked.push(chosen);
    const c = candidates[chosen]!;
    shown.add(itemKey(c.kind, c.id));
    if (c.sameActivityAs) shown.add(c.sameActivityAs);
  }
  return picked.map((i) => explain(candidates[i]!, p, scores[i]!));
}
