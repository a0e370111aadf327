import { describe, expect, it } from "vitest";
import { fromTokyo, tokyoSlot } from "~/utils/dates";
import { bandOfMinute, availabilityBit, openSeeker } from "./answers";
import { DEFAULT_PER_GROUP, DEFAULT_WINDOW, FACTORS, WEIGHTS, rank, weightsWithout, type RankContext } from "./scoring";
import type { Candidate, CandidateTime, Ranked, Seeker, Weekday } from "./types";

// Tuesday 1 December 2026, 09:00 in Tokyo.
const NOW = fromTokyo(2026, 12, 1, 9, 0);

/** A time `days` after NOW's day at hh:mm Tokyo. */
function at(days: number, hour: number, minute = 0): CandidateTime {
  const startsAt = fromTokyo(2026, 12, 1 + days, hour, minute);
  const { weekday, startMinute } = tokyoSlot(startsAt);
  return { startsAt, weekday: weekday as Weekday, band: bandOfMinute(startMinute) };
}
// Saturday 5 December 10:00, Wednesday 2 December 19:00, Thursday 3 December 14:00.
const SAT_AM = () => at(4, 10);
const WED_EVE = () => at(1, 19);
const THU_PM = () => at(2, 14);

// Areas on a line, 1 km apart: 1 and 2 are neighbours (≤ 2.5 km), 1 and 5 are 4 km apart.
const ctx = (extra: Partial<RankContext> = {}): RankContext => ({ now: NOW, areaDistanceKm: (a, b) => Math.abs(a - b), ...extra });

let nextId = 1;
function candidate(fields: Partial<Candidate> = {}): Candidate {
  return {
    kind: "opening",
    id: nextId++,
    groupId: nextId + 1000,
    categoryIds: [],
    audienceIds: [],
    skills: [],
    areaId: null,
    mode: "in-person",
    languages: ["ja"],
    beginnerFriendly: false,
    regular: false,
    childFriendly: false,
    hasFee: false,
    times: [THU_PM()],
    placesLeft: null,
    publishedAt: null,
    ...fields,
  };
}

function seeker(fields: Partial<Seeker> = {}): Seeker {
  return { ...openSeeker(), ...fields };
}

const ids = (ranked: Ranked[]) => ranked.map((r) => r.id);
const codes = (r: Ranked | undefined) => r?.reasons.map((x) => x.code) ?? [];
const byId = (ranked: Ranked[], id: number) => ranked.find((r) => r.id === id);
/** Rank two candidates that differ in one thing: the first must come first. */
function expectFirst(s: Seeker, better: Candidate, worse: Candidate, extra?: Partial<RankContext>) {
  const ranked = rank(s, [worse, better], ctx(extra));
  expect(ids(ranked)).toEqual([better.id, worse.id]);
  return ranked;
}

describe("rank: each factor on its own", () => {
  it("interest: an item in a category the resident chose comes first, saying which category", () => {
    const match = candidate({ categoryIds: [7, 8] });
    const other = candidate({ categoryIds: [9] });
    const ranked = expectFirst(seeker({ categoryIds: [8] }), match, other);
    expect(ranked[0]!.reasons[0]).toEqual({ code: "interest", values: { category: 8 } });
    expect(codes(ranked[1])).not.toContain("interest");
  });

  it("audience: an item for the people the resident likes to help says so (子どもに関わる活動です)", () => {
    const ranked = expectFirst(seeker({ audienceIds: [3] }), candidate({ audienceIds: [3] }), candidate({ audienceIds: [4] }));
    expect(ranked[0]!.reasons).toContainEqual({ code: "audience", values: { audience: 3 } });
  });

  it("skill: an opening asking for the resident's skill comes first, and one asking for skills they lack sinks unless it is for beginners", () => {
    const driving = candidate({ skills: ["運転"] });
    const plain = candidate();
    const ranked = expectFirst(seeker({ skills: ["運転"] }), driving, plain);
    expect(ranked[0]!.reasons[0]).toEqual({ code: "skill", values: { skill: "運転" } });

    const design = candidate({ skills: ["デザイン"] });
    expectFirst(seeker(), plain, design);
    // A beginner-friendly opening that mentions a skill sinks less (料理が得意でなくても大丈夫).
    const cooking = candidate({ skills: ["調理"], beginnerFriendly: true });
    const score = (c: Candidate) => rank(seeker(), [c], ctx())[0]!.score;
    expect(score(cooking)).toBeGreaterThan(score(design));
  });

  it("skill: an opening that names the resident's skill in its title or summary without listing it counts, less than a listed one", () => {
    const flyer = candidate({ words: "サロンのチラシづくり（デザイン） パソコンで作ります。" });
    const listed = candidate({ skills: ["デザイン"] });
    const plain = candidate({ words: "お茶出しと受付" });
    const ranked = rank(seeker({ skills: ["デザイン"] }), [plain, flyer, listed], ctx());
    expect(ids(ranked)).toEqual([listed.id, flyer.id, plain.id]);
    expect(byId(ranked, flyer.id)!.reasons[0]).toEqual({ code: "skill", values: { skill: "デザイン" } });
    expect(codes(byId(ranked, plain.id))).not.toContain("skill");
  });

  it("skill: a language the resident speaks counts for an opening that asks for it (translation), if they also read ordinary Japanese", () => {
    const translation = candidate({ skills: ["英語", "ベトナム語"], mode: "online", times: [] });
    const ranked = rank(seeker({ languages: ["ja", "vi"] }), [translation], ctx());
    expect(ranked[0]!.reasons[0]).toEqual({ code: "language", values: { language: "vi" } });
    const anyForeign = candidate({ skills: ["外国語", "やさしい日本語"], mode: "online", times: [] });
    expect(rank(seeker({ languages: ["ja", "ne"] }), [anyForeign], ctx())[0]!.reasons[0]).toEqual({ code: "language", values: { language: "ne" } });
    // Reading easy Japanese only: translating from the site's Japanese is not proposed as theirs.
    const easyReader = rank(seeker({ languages: ["ja-x-easy", "vi"] }), [translation], ctx())[0]!;
    expect(easyReader.score).toBeLessThan(ranked[0]!.score - WEIGHTS.skill + 0.001);
  });

  it("availability: an item with a time the resident is free at comes first and names that weekday and time of day", () => {
    const sat = candidate({ times: [SAT_AM()] });
    const wed = candidate({ times: [WED_EVE()] });
    const ranked = expectFirst(seeker({ availability: availabilityBit(5, 0) }), sat, wed);
    expect(ranked[0]!.reasons[0]).toEqual({ code: "time", values: { weekday: 5, band: 0 } });
    expect(codes(ranked[1])).not.toContain("time");
  });

  it("availability: the time shown is the first one that fits, not simply the soonest", () => {
    const item = candidate({ times: [WED_EVE(), THU_PM(), SAT_AM()] });
    const [ranked] = rank(seeker({ availability: availabilityBit(5, 0) }), [item], ctx());
    expect(ranked!.startsAt).toEqual(SAT_AM().startsAt);
    const [any] = rank(seeker(), [item], ctx());
    expect(any!.startsAt).toEqual(WED_EVE().startsAt);
  });

  it("availability: a resident who said nothing about their week is not penalised and gets no time reason", () => {
    const a = rank(seeker(), [candidate({ times: [at(2, 10)] })], ctx())[0]!;
    const b = rank(seeker(), [candidate({ times: [at(30, 19)] })], ctx())[0]!;
    expect(a.score).toBe(b.score);
    expect(codes(a)).not.toContain("time");
  });

  it("availability: at-home items and those with no dates (ongoing) fit any week", () => {
    const s = seeker({ availability: availabilityBit(5, 0) });
    const atHome = candidate({ mode: "at-home", times: [WED_EVE()] });
    const ongoing = candidate({ times: [] });
    const wrongTime = candidate({ times: [WED_EVE()] });
    const ranked = rank(s, [wrongTime, atHome, ongoing], ctx());
    expect(ids(ranked).at(-1)).toBe(wrongTime.id);
  });

  it("area: own area first, then neighbouring areas, then farther ones, for someone who goes to the neighbouring areas", () => {
    const own = candidate({ areaId: 1 });
    const near = candidate({ areaId: 3 });
    const far = candidate({ areaId: 5 });
    const ranked = rank(seeker({ areaId: 1 }), [far, near, own], ctx());
    expect(ids(ranked)).toEqual([own.id, near.id, far.id]);
    expect(codes(byId(ranked, own.id))).toContain("own-area");
    expect(byId(ranked, near.id)!.reasons).toContainEqual({ code: "near", values: { area: 3 } });
    expect(codes(byId(ranked, far.id))).not.toContain("near");
  });

  it("area: reach decides how far is too far (farther than they go sinks below anything near)", () => {
    const near = candidate({ areaId: 3 });
    const far = candidate({ areaId: 5 });
    const unknown = candidate({ areaId: null });
    // Own area only: a neighbouring area already sinks below an item with no area.
    expect(ids(rank(seeker({ areaId: 1, reach: "own" }), [near, unknown], ctx()))).toEqual([unknown.id, near.id]);
    const interesting = candidate({ areaId: 5, categoryIds: [1] });
    expect(ids(rank(seeker({ areaId: 1, categoryIds: [1] }), [interesting, near], ctx()))).toEqual([near.id, interesting.id]);
    // Anywhere in the city: a far area is not held against the item.
    const city = rank(seeker({ areaId: 1, reach: "city" }), [far, unknown], ctx());
    expect(byId(city, far.id)!.score).toBe(byId(city, unknown.id)!.score);
  });

  it("area: at-home and online items ignore distance and say they can be done from home", () => {
    const far = candidate({ areaId: 5, mode: "at-home", times: [] });
    const online = candidate({ areaId: 5, mode: "online", times: [] });
    const ranked = rank(seeker({ areaId: 1, reach: "own" }), [far, online], ctx());
    expect(codes(byId(ranked, far.id))).toContain("at-home");
    expect(codes(byId(ranked, online.id))).toContain("online");
    expect(ranked.every((r) => r.score > 0)).toBe(true);
  });

  it("at home: a resident who can only help from home sees at-home and online items first", () => {
    const s = seeker({ prefersAtHome: true, areaId: 1 });
    const home = candidate({ mode: "at-home", times: [], areaId: 5, categoryIds: [1] });
    const local = candidate({ areaId: 1, categoryIds: [1] });
    expectFirst({ ...s, categoryIds: [1] }, home, local);
  });

  it("language: an item held in the resident's language comes first and says so; Japanese-only items sink for someone who does not read Japanese", () => {
    const vi = candidate({ languages: ["ja", "vi"] });
    const ja = candidate({ languages: ["ja"] });
    const ranked = expectFirst(seeker({ languages: ["ja", "vi"] }), vi, ja);
    expect(ranked[0]!.reasons[0]).toEqual({ code: "language", values: { language: "vi" } });
    const reader = rank(seeker({ languages: ["ja", "vi"] }), [ja], ctx())[0]!.score;
    const nonReader = rank(seeker({ languages: ["vi"] }), [ja], ctx())[0]!.score;
    expect(nonReader).toBeLessThan(reader);
  });

  it("places left: a full item is never proposed; one with few places left says how many", () => {
    const full = candidate({ placesLeft: 0 });
    const few = candidate({ placesLeft: 2 });
    const many = candidate({ placesLeft: 10 });
    const ranked = rank(seeker(), [full, few, many], ctx());
    expect(ids(ranked)).toEqual([few.id, many.id]);
    expect(ranked[0]!.reasons).toContainEqual({ code: "few-left", values: { count: 2 } });
  });

  it("freshness: a newly published item comes before an equal older one and is marked new", () => {
    const fresh = candidate({ publishedAt: new Date(NOW.getTime() - 2 * 86_400_000) });
    const old = candidate({ publishedAt: new Date(NOW.getTime() - 90 * 86_400_000) });
    const ranked = expectFirst(seeker(), fresh, old);
    expect(codes(ranked[0])).toContain("new");
    expect(codes(ranked[1])).not.toContain("new");
  });

  it("beginners: a resident with no history sees beginner-friendly items first, with the reason", () => {
    const welcoming = candidate({ beginnerFriendly: true });
    const experienced = candidate({ beginnerFriendly: false });
    const ranked = expectFirst(seeker(), welcoming, experienced);
    expect(codes(ranked[0])).toContain("beginner");
  });

  it("beginners weigh less once a resident has taken part: more of what they did wins over a beginner item", () => {
    const history = { attendedCategoryIds: [5], attendedGroupIds: [], hasHistory: true };
    const welcoming = candidate({ beginnerFriendly: true });
    const similar = candidate({ categoryIds: [5] });
    const newcomer = rank(seeker(), [welcoming], ctx())[0]!.score;
    const regular = rank(seeker({ history }), [welcoming], ctx())[0]!.score;
    expect(regular).toBeLessThan(newcomer);
    const ranked = expectFirst(seeker({ history }), similar, welcoming);
    expect(codes(ranked[0])).toContain("like-before");
    expect(codes(ranked[1])).not.toContain("beginner");
  });

  it("beginners: someone who asked for beginner-friendly things sees the others sink", () => {
    expectFirst(seeker({ prefersBeginner: true, history: { attendedCategoryIds: [], attendedGroupIds: [], hasHistory: true } }), candidate({ beginnerFriendly: true }), candidate());
  });

  it("history: the same group's items come first, saying so", () => {
    const same = candidate({ groupId: 42 });
    const ranked = expectFirst(seeker({ history: { attendedCategoryIds: [], attendedGroupIds: [42], hasHistory: true } }), same, candidate());
    expect(codes(ranked[0])).toContain("same-group");
  });

  it("commitment: one-off or regular as the resident prefers", () => {
    const once = candidate({ regular: false });
    const weekly = candidate({ regular: true });
    expect(codes(expectFirst(seeker({ commitment: "one-off" }), once, weekly)[0])).toContain("one-off");
    expect(codes(expectFirst(seeker({ commitment: "regular" }), weekly, once)[0])).toContain("regular");
  });

  it("with children: items children can come along to first, saying so", () => {
    const ranked = expectFirst(seeker({ withChildren: true }), candidate({ childFriendly: true }), candidate());
    expect(codes(ranked[0])).toContain("with-children");
  });

  it("families: a parent-and-child salon is not proposed first to someone without children, unless they like to support parents", () => {
    const salon = candidate({ kind: "place", forFamilies: true, categoryIds: [3] });
    const other = candidate({ kind: "place", categoryIds: [3] });
    expectFirst(seeker({ categoryIds: [3] }), other, salon);
    const parent = rank(seeker({ categoryIds: [3], withChildren: true }), [salon, other], ctx());
    expect(ids(parent)[0]).toBe(salon.id);
    const supporter = rank(seeker({ categoryIds: [3], supportsFamilies: true }), [salon, other], ctx());
    expect(byId(supporter, salon.id)!.score).toBe(byId(supporter, other.id)!.score);
  });

  it("role: someone who wants to help sees ways to help first (openings, volunteers' trainings); someone who wants to join in, the rest", () => {
    const opening = candidate({ kind: "opening" });
    const training = candidate({ kind: "event", forHelpers: true });
    const salon = candidate({ kind: "place" });
    expect(ids(rank(seeker({ role: "help" }), [salon, training, opening], ctx())).slice(0, 2).sort()).toEqual([opening.id, training.id].sort());
    expect(ids(rank(seeker({ role: "join" }), [opening, training, salon], ctx()))[0]).toBe(salon.id);
    // Someone who wants to help: an event only to attend steps back behind a salon, where helpers go too.
    const lecture = candidate({ kind: "event" });
    expect(ids(rank(seeker({ role: "help" }), [lecture, salon], ctx()))).toEqual([salon.id, lecture.id]);
    // Either: a way to help comes a little first all the same.
    expect(ids(rank(seeker(), [salon, opening], ctx()))).toEqual([opening.id, salon.id]);
  });

  it("giving goods is proposed to someone who asked for things to do from home, not to someone offering their time", () => {
    const goods = candidate({ mode: "goods", times: [] });
    const plain = candidate();
    expectFirst(seeker(), plain, goods);
    expect(rank(seeker({ avoid: ["in-person"] }), [goods, plain], ctx()).map((r) => r.id)).toEqual([goods.id]);
  });
});

describe("rank: what is never proposed", () => {
  it("excluded items (applied, registered, declined, dismissed) never appear, whatever their score", () => {
    const best = candidate({ kind: "event", categoryIds: [1], beginnerFriendly: true });
    const other = candidate({ kind: "opening", id: best.id });
    const ranked = rank(seeker({ categoryIds: [1], excluded: new Set([`event:${best.id}`]) }), [best, other], ctx());
    expect(ranked.map((r) => `${r.kind}:${r.id}`)).toEqual([`opening:${best.id}`]);
  });

  it("items whose times have all passed are not proposed", () => {
    expect(rank(seeker(), [candidate({ times: [at(-2, 10)] })], ctx())).toEqual([]);
  });

  it("dismissal learning: after 興味なし on items of a category, other items of it weigh less", () => {
    const elderly = candidate({ categoryIds: [1] });
    const children = candidate({ categoryIds: [2] });
    const before = rank(seeker({ categoryIds: [1, 2] }), [elderly, children], ctx());
    expect(byId(before, elderly.id)!.score).toBe(byId(before, children.id)!.score);
    const after = rank(seeker({ categoryIds: [1, 2], dismissedCategoryIds: [1] }), [elderly, children], ctx());
    expect(ids(after)).toEqual([children.id, elderly.id]);
    const twice = rank(seeker({ categoryIds: [1, 2], dismissedCategoryIds: [1, 1] }), [elderly], ctx());
    expect(twice[0]!.score).toBeLessThan(byId(after, elderly.id)!.score);
  });

  it("avoid evenings: evening-only items drop; an item with a morning date too is proposed for that date", () => {
    const evening = candidate({ times: [WED_EVE()] });
    const both = candidate({ times: [WED_EVE(), SAT_AM()] });
    const ranked = rank(seeker({ avoid: ["evenings"] }), [evening, both], ctx());
    expect(ids(ranked)).toEqual([both.id]);
    expect(ranked[0]!.startsAt).toEqual(SAT_AM().startsAt);
  });

  it("avoid weekends, weekdays and mornings drop the items with no other time", () => {
    const sat = candidate({ times: [SAT_AM()] });
    const thu = candidate({ times: [THU_PM()] });
    expect(ids(rank(seeker({ avoid: ["weekends"] }), [sat, thu], ctx()))).toEqual([thu.id]);
    expect(ids(rank(seeker({ avoid: ["weekdays"] }), [sat, thu], ctx()))).toEqual([sat.id]);
    expect(ids(rank(seeker({ avoid: ["mornings"] }), [sat, thu], ctx()))).toEqual([thu.id]);
  });

  it("avoid fee, in-person and outdoors", () => {
    const paid = candidate({ hasFee: true });
    const free = candidate();
    const home = candidate({ mode: "at-home", times: [] });
    const outside = candidate({ outdoors: true });
    expect(ids(rank(seeker({ avoid: ["fee"] }), [paid, free], ctx()))).toEqual([free.id]);
    expect(ids(rank(seeker({ avoid: ["in-person"] }), [paid, free, home], ctx()))).toEqual([home.id]);
    expect(ids(rank(seeker({ avoid: ["outdoors"] }), [outside, free], ctx()))).toEqual([free.id]);
  });

  it("kinds: only the kinds asked for", () => {
    const opening = candidate({ kind: "opening" });
    const place = candidate({ kind: "place" });
    expect(ids(rank(seeker(), [opening, place], ctx({ kinds: ["place"] })))).toEqual([place.id]);
  });
});

describe("rank: diversity", () => {
  it(`one group cannot fill the list: at most ${DEFAULT_PER_GROUP} of a group in any ${DEFAULT_WINDOW} in a row while other groups have items`, () => {
    const big = Array.from({ length: 8 }, () => candidate({ groupId: 1, categoryIds: [1, 2] }));
    const middle = Array.from({ length: 4 }, () => candidate({ groupId: 2, categoryIds: [1] }));
    const small = Array.from({ length: 4 }, () => candidate({ groupId: 3 }));
    const all = [...big, ...middle, ...small];
    const groupsOf = (ranked: Ranked[]) => ranked.map((r) => all.find((c) => c.id === r.id)!.groupId);
    const groups = groupsOf(rank(seeker({ categoryIds: [1, 2] }), all, ctx({ limit: 10 })));
    expect(groups.slice(0, 5)).toEqual([1, 1, 1, 2, 2]);
    for (let k = 0; k + DEFAULT_WINDOW <= groups.length; k++) {
      const window = groups.slice(k, k + DEFAULT_WINDOW);
      for (const g of [1, 2, 3]) expect(window.filter((x) => x === g).length, `window at ${k}`).toBeLessThanOrEqual(DEFAULT_PER_GROUP);
    }
    // With no other group left, the list still fills with the rest.
    expect(groupsOf(rank(seeker(), big, ctx({ limit: 6 })))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("one activity is shown once: an event series that is a place's regular meeting, under whichever ranks first", () => {
    const place = candidate({ kind: "place", categoryIds: [1] });
    const series = candidate({ kind: "event", sameActivityAs: `place:${place.id}` });
    const other = candidate({ kind: "event" });
    expect(ids(rank(seeker({ categoryIds: [1] }), [series, other, place], ctx()))).toEqual([place.id, other.id]);
    const series2 = candidate({ kind: "event", categoryIds: [1], sameActivityAs: `place:${place.id}` });
    expect(ids(rank(seeker({ categoryIds: [1] }), [place, series2], ctx()))).toHaveLength(1);
  });

  it("perGroup and limit are the caller's", () => {
    const items = Array.from({ length: 4 }, () => candidate({ groupId: 9 }));
    expect(rank(seeker(), items, ctx({ limit: 3, perGroup: 1 }))).toHaveLength(3);
    expect(rank(seeker(), items, ctx({ limit: 0 }))).toEqual([]);
  });
});

describe("rank: reasons", () => {
  it("are strongest first, with values the page turns into words", () => {
    const item = candidate({
      categoryIds: [1],
      skills: ["運転"],
      times: [SAT_AM()],
      areaId: 1,
      languages: ["ja", "vi"],
      audienceIds: [2],
      beginnerFriendly: true,
      placesLeft: 1,
    });
    const s = seeker({ categoryIds: [1], skills: ["運転"], availability: availabilityBit(5, 0), areaId: 1, languages: ["ja", "vi"], audienceIds: [2] });
    const [ranked] = rank(s, [item], ctx());
    expect(ranked!.reasons).toEqual([
      { code: "interest", values: { category: 1 } },
      { code: "skill", values: { skill: "運転" } },
      { code: "time", values: { weekday: 5, band: 0 } },
      { code: "own-area" },
      { code: "language", values: { language: "vi" } },
      { code: "audience", values: { audience: 2 } },
      { code: "beginner" },
      { code: "few-left", values: { count: 1 } },
    ]);
  });

  it("a factor switched off adds nothing and gives no reason (the evaluation's ablation)", () => {
    const item = candidate({ categoryIds: [1] });
    const s = seeker({ categoryIds: [1] });
    const off = rank(s, [item], ctx({ weights: weightsWithout("interest") }))[0]!;
    const on = rank(s, [item], ctx())[0]!;
    expect(on.score - off.score).toBe(WEIGHTS.interest);
    expect(codes(off)).not.toContain("interest");
    for (const keys of Object.values(FACTORS)) for (const key of keys) expect(WEIGHTS).toHaveProperty(key);
  });
});

describe("rank: a whole city's worth of items", () => {
  // Its speed (p95 ≤ 10 ms for 10,000 items) is held by the benchmark (`npm run bench`, matching-rank), not here:
  // a timed unit test fails on a busy machine for reasons that are not the code's.
  it("ranks 10,000 items for one resident: the limit kept, best first, excluded items left out", () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      candidate({
        id: i + 1,
        kind: (["opening", "event", "place"] as const)[i % 3],
        groupId: i % 400,
        categoryIds: [i % 12, (i * 7) % 12],
        audienceIds: [i % 7],
        skills: i % 5 === 0 ? ["調理"] : [],
        areaId: (i % 8) + 1,
        languages: i % 9 === 0 ? ["ja", "vi"] : ["ja"],
        beginnerFriendly: i % 2 === 0,
        times: [at((i % 40) + 1, 9 + (i % 10)), at((i % 40) + 8, 9 + (i % 10))],
        placesLeft: i % 11 === 0 ? 1 : null,
        publishedAt: new Date(NOW.getTime() - (i % 60) * 86_400_000),
      }),
    );
    const s = seeker({ categoryIds: [1, 3], audienceIds: [2], skills: ["調理"], availability: availabilityBit(5, 0) | availabilityBit(1, 0), areaId: 3, languages: ["ja", "vi"], excluded: new Set(["opening:3", "event:4"]) });
    const ranked = rank(s, items, ctx({ limit: 20 }));
    expect(ranked).toHaveLength(20);
    const keys = ranked.map((r) => `${r.kind}:${r.id}`);
    expect(keys).not.toContain("opening:3");
    expect(keys).not.toContain("event:4");
    // Best first, apart from the diversity rule's moves, which only ever put a lower score ahead of a group's fourth.
    expect(ranked[0]!.score).toBe(Math.max(...ranked.map((r) => r.score)));
    expect(ranked.every((r) => r.reasons.length > 0)).toBe(true);
  });
});
