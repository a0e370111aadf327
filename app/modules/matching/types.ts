// The contract of matching (issue: propose to each resident the ways to take part that fit them, with reasons).
// Pure types only: the scoring function (scoring.ts) takes a Seeker and Candidates and returns Ranked items with
// Reasons; the server side (recommend.server.ts) builds Seekers from a profile or from /match answers and Candidates
// from published openings, events and places. Pages show Reasons through the "matching" namespace.

import type { PublicKind } from "~/modules/publishing/visibility";

/** The kinds a resident is proposed: the public kinds (publishing/visibility.ts). */
export type ItemKind = PublicKind;

/** `${kind}:${id}`, used for dismissals, exclusions and de-duplication. */
export type ItemKey = `${ItemKind}:${number}`;
export const itemKey = (kind: ItemKind, id: number): ItemKey => `${kind}:${id}`;

/** Time of day in Asia/Tokyo: morning before 12:00, afternoon 12:00–16:59, evening from 17:00. */
export type Band = 0 | 1 | 2;
/** Monday = 0 … Sunday = 6 (as EventDate.weekday and Shift.weekday). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** How far a resident will go: their own area, the areas next to it, or anywhere in the city. */
export type Reach = "own" | "neighbours" | "city";
/** "" = either. */
export type Commitment = "" | "one-off" | "regular";
/** Help out (volunteer, or learn how to), join in (go to a salon, class or gathering), or "" = either. */
export type Role = "" | "help" | "join";

/** Who is looking: built from a profile (signed in) or from the /match answers (no account). */
export interface Seeker {
  /** Category ids they are interested in (高齢者, 子ども・子育て, …). */
  categoryIds: number[];
  /** Audience ids they like to do things for or with. */
  audienceIds: number[];
  /** Skills, normalised (trimmed, NFKC), e.g. 調理, パソコン, 運転, 手話. */
  skills: string[];
  /** Profile.availability bitmask: bit = weekday * 3 + band. 0 = not said (treated as "any time"). */
  availability: number;
  areaId: number | null;
  reach: Reach;
  /** UI and spoken languages, e.g. ["ja", "vi"]. */
  languages: string[];
  prefersBeginner: boolean;
  prefersAtHome: boolean;
  commitment: Commitment;
  withChildren: boolean;
  /** Codes of things to avoid (see answers.ts), e.g. "evenings", "fee", "physical". */
  avoid: string[];
  /** What they did before: attended items' categories and groups weigh up similar ones. */
  history: {
    attendedCategoryIds: number[];
    attendedGroupIds: number[];
    /** true when they have attended or applied to anything: beginner-friendliness matters less then. */
    hasHistory: boolean;
  };
  /** Items never to propose: dismissed (興味なし), already applied or registered, declined. */
  excluded: ReadonlySet<string>;
  /** Categories of dismissed items: they weigh less afterwards (the ranking learns from 興味なし). */
  dismissedCategoryIds: number[];
  /** They like to do things for or with parents of small children (audience 子育て): family salons suit them even
   * without children of their own. Absent = no. */
  supportsFamilies?: boolean;
  /** Whether they want to help out or to join in; absent or "" = either. */
  role?: Role;
}

/** One upcoming time of a candidate (a shift, an event date, a place's opening slot). */
export interface CandidateTime {
  startsAt: Date;
  weekday: Weekday;
  band: Band;
}

/** Something that can be proposed. Built once from the database and reused for every seeker. */
export interface Candidate {
  kind: ItemKind;
  id: number;
  groupId: number;
  categoryIds: number[];
  audienceIds: number[];
  /** Skills wanted (openings), normalised. */
  skills: string[];
  /** An opening's own words (title and summary, NFKC, lower-cased), where a group often names the skill it needs
   * (「チラシづくり（デザイン）」) without listing it. Absent for events and places. */
  words?: string;
  areaId: number | null;
  /** in-person | online | at-home | goods | skills (openings); events and places are in-person unless online. */
  mode: string;
  languages: string[];
  beginnerFriendly: boolean;
  /** Takes place again and again (a series, a weekly salon, an ongoing opening) rather than once. */
  regular: boolean;
  /** Children can come along (audience こども/子育て/多世代 or school-friendly). */
  childFriendly: boolean;
  /** Has a fee (for "avoid: fee"). */
  hasFee: boolean;
  /** Happens outside (walks, patrols, clean-ups), for "avoid: outdoors"; absent = not known to be. */
  outdoors?: boolean;
  /** A salon, class or gathering made for children and their parents (an event or place whose audiences are only
   * こども and 子育て): not something to send someone without children to. Absent = no. */
  forFamilies?: boolean;
  /** The same activity listed under another item (an event series that is a place's regular meeting): the list shows
   * only the better ranked of the two. */
  sameActivityAs?: ItemKey;
  /** A way to help: an opening, or an event for (future) volunteers such as a training or an information session.
   * Absent = only when it is an opening. */
  forHelpers?: boolean;
  /** Upcoming times, soonest first (empty for an ongoing opening or a place with no listed hours). */
  times: CandidateTime[];
  /** Places or slots left in the soonest open time; null = no limit or not applicable. */
  placesLeft: number | null;
  publishedAt: Date | null;
}

export type ReasonCode =
  | "interest" // 〇〇に関心がありますね — values: { category }
  | "skill" // あなたの「運転」が生かせます — values: { skill }
  | "time" // 土曜の午前に参加できます — values: { weekday, band }
  | "own-area" // あなたの地区です
  | "near" // となりの地区です — values: { area }
  | "at-home" // 家からできます
  | "online" // オンラインで参加できます
  | "language" // ベトナム語で参加できます — values: { language }
  | "audience" // 子どもに関わる活動です — values: { audience }
  | "beginner" // 初めての人も歓迎
  | "with-children" // 子どもと一緒に参加できます
  | "one-off" // 1回だけの参加です
  | "regular" // 続けて参加できます
  | "few-left" // 残り 2 人です — values: { count }
  | "new" // 新しく載りました
  | "like-before" // 前に参加した活動に似ています
  | "same-group"; // 前に参加したグループの活動です

export interface Reason {
  code: ReasonCode;
  /** Ids and numbers only; the page turns them into words in the reader's language. */
  values?: Record<string, string | number>;
}

export interface Ranked {
  kind: ItemKind;
  id: number;
  score: number;
  /** Strongest first; pages show the first two or three. */
  reasons: Reason[];
  /** The upcoming time the ranking went by: the soonest that fits the seeker, else the soonest; null when none is listed. */
  startsAt: Date | null;
}
