import type { Band, Commitment, Reach, Weekday } from "./types";

// The allowed values of matching, named once: the profile page, /match, the scoring and the server side all read
// them from here. Pure (no server imports), so the pages' forms can list them.

/** How far a resident will go (Profile.reach). The default is the neighbouring areas. */
export const REACHES = ["own", "neighbours", "city"] as const satisfies readonly Reach[];
export const DEFAULT_REACH: Reach = "neighbours";

/** One-off, regular, or either ("") (Profile.commitment). */
export const COMMITMENTS = ["", "one-off", "regular"] as const satisfies readonly Commitment[];

/**
 * Things a resident can ask never to be proposed (Profile.avoid, the /match "anything to avoid" question). Each is a
 * hard filter: an item that cannot be done without it is not proposed at all.
 * - mornings / evenings: times before 12:00 / from 17:00 (Tokyo) do not count; an item with no other time drops.
 * - weekends: Saturday and Sunday times do not count; likewise weekdays.
 * - fee: items that cost something to take part in (paid or partly free).
 * - in-person: only what can be done from home, online or by giving goods.
 * - outdoors: walks, patrols, clean-ups, sports days (see OUTDOOR_WORDS).
 */
export const AVOID_CODES = ["mornings", "evenings", "weekdays", "weekends", "fee", "in-person", "outdoors"] as const;
export type AvoidCode = (typeof AVOID_CODES)[number];
export const isAvoidCode = (value: string): value is AvoidCode => (AVOID_CODES as readonly string[]).includes(value);

/**
 * Words in an item's Japanese title or summary that mean it happens outside (the data has no "outdoors" field):
 * used for the "outdoors" avoid code. Judged on the sample data: every walk, patrol, clean-up and sports day has one.
 */
export const OUTDOOR_WORDS = ["屋外", "野外", "ごみ拾い", "清掃活動", "ウォーク", "パトロール", "登下校", "運動会", "キャンプ", "防災訓練", "草取り", "花壇"] as const;

/** Weekday codes as used in /match URLs and by the sample data's availability() (Monday first, as Weekday). */
export const WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];
/** Band codes: morning (before 12:00), afternoon (12:00–16:59), evening (from 17:00), Tokyo time. */
export const BAND_CODES = ["am", "pm", "eve"] as const;
export type BandCode = (typeof BAND_CODES)[number];

export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
export const BANDS: readonly Band[] = [0, 1, 2];
export const AFTERNOON_FROM_MINUTE = 12 * 60;
export const EVENING_FROM_MINUTE = 17 * 60;

/** Every weekday × band cell set: what "any time" would be as a mask (21 bits). */
export const ALL_TIMES = (1 << 21) - 1;

/**
 * Areas whose centres are at most this far apart count as neighbours (reach "neighbours").
 * Why 2.5 km: Tsurugashima is about 5 km across and its eight 地域支え合い協議会 areas have centres 0.9–3.8 km apart
 * (prisma/seed-data.ts). At 2.5 km every area has three to seven neighbours — the ones a resident reaches in ten
 * minutes by bicycle — while the opposite ends of the city (鶴ヶ島第二 and サザン, 3.0 km; 北 and サザン, 3.8 km) stay
 * apart. At 2.0 km サザン and 西部 would have a single neighbour each.
 */
export const NEIGHBOUR_KM = 2.5;

/** The audience of parents with small children: family salons and gatherings are made for them (Candidate.forFamilies). */
export const FAMILY_AUDIENCE = "parenting";
/** Audiences of an event or place that is only for children and their parents. */
export const CHILD_AND_FAMILY_AUDIENCES = ["children", "parenting"] as const;

/**
 * The category 特技を活かす (using a special skill). For a resident who named their skills it is those skills that
 * count (an opening asking for one of them), not every item of the category: seekerForUser leaves it out of their
 * interests then.
 */
export const SKILLS_CATEGORY = "skills";

/** Help out, join in, or either (""): the /match question "how would you like to take part?". */
export const ROLES = ["", "help", "join"] as const;

/**
 * Words in an event's Japanese title that make it a way into helping (a training, an information session, a meeting
 * of helpers): it counts as a way to help, like an opening.
 */
/**
 * A course is learning whatever its topic: an event whose title has one of these words also counts as in
 * LEARNING_CATEGORY (文化・スポーツ・学び), so someone who likes to learn is offered 認知症サポーター養成講座 or
 * はじめての手話教室 as well as the category's own items.
 */
export const LEARNING_CATEGORY = "culture-sports-learning";
export const COURSE_WORDS = ["講座", "教室", "講習", "セミナー", "勉強会"] as const;

export const HELPER_WORDS = ["ボランティア", "養成", "説明会", "研修", "講習", "世話役"] as const;

/** Places left at or below this count show the "few left" reason. */
export const FEW_LEFT = 2;
/** Items published this recently show the "new" reason (days). */
export const NEW_DAYS = 7;
/** Freshness fades out over this many days after publishing. */
export const FRESH_DAYS = 21;

/** Seeker languages that are themselves skills an opening may ask for (translation, interpreting), as openings write them. */
export const LANGUAGE_SKILL_WORDS: Readonly<Record<string, string>> = {
  en: "英語",
  vi: "ベトナム語",
  "zh-Hans": "中国語",
  ko: "韓国語",
  tl: "タガログ語",
  ne: "ネパール語",
  "pt-BR": "ポルトガル語",
};

/** An opening asking for 外国語 (any foreign language) fits anyone who speaks one besides Japanese. */
export const FOREIGN_LANGUAGE_WORD = "外国語";

/** Ordinary written Japanese: what translating from the site's content needs. */
export const DEFAULT_LANGUAGE = "ja";

/** Languages that mean "reads Japanese" (やさしい日本語 included). */
export const JAPANESE_LANGUAGES = ["ja", "ja-x-easy"] as const;

/**
 * Other words for the same skill, as residents and groups write them (the profile's free tags, an opening's list):
 * matched after NFKC and lower-casing. Kept short: a word missing here only loses the "skill" reason.
 */
export const SKILL_SYNONYMS: Readonly<Record<string, string>> = {
  料理: "調理",
  車の運転: "運転",
  運転免許: "運転",
  pc: "パソコン",
  スマホ: "スマートフォン",
  カメラ: "写真撮影",
  写真: "写真撮影",
  保育: "保育士",
  看護: "看護師",
  傾聴ボランティア: "傾聴",
  web: "ホームページ",
  ウェブ: "ホームページ",
  ミシン: "裁縫",
};
