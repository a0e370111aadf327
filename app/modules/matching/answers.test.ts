import { describe, expect, it } from "vitest";
import {
  EMPTY_ANSWERS,
  WHEN_PRESETS,
  answersToSearchParams,
  availabilityBit,
  availabilityCells,
  avoidFromStored,
  avoidToStored,
  bandOfMinute,
  interestIds,
  isEmptyAnswers,
  normaliseSkill,
  parseAnswers,
  profileFromAnswers,
  seekerFromAnswers,
  splitSkills,
  whenCodes,
  type MatchAnswers,
} from "./answers";

const taxonomy = {
  categories: [
    { id: 1, slug: "elderly" },
    { id: 3, slug: "children" },
    { id: 4, slug: "multicultural" },
  ],
  audiences: [
    { id: 11, slug: "children" },
    { id: 12, slug: "parenting" },
  ],
  areas: [
    { id: 21, slug: "fujimi" },
    { id: 28, slug: "suneori" },
  ],
};

const parse = (query: string) => parseAnswers(new URLSearchParams(query));

describe("availability cells", () => {
  it("one bit per weekday × band, Monday morning first (as Profile.availability and the sample data)", () => {
    expect(availabilityBit(0, 0)).toBe(1);
    expect(availabilityBit(0, 2)).toBe(4);
    expect(availabilityBit(5, 0)).toBe(1 << 15);
    expect(availabilityBit(6, 2)).toBe(1 << 20);
  });

  it("morning until 11:59, afternoon until 16:59, evening from 17:00 (Tokyo minutes)", () => {
    expect(bandOfMinute(0)).toBe(0);
    expect(bandOfMinute(11 * 60 + 59)).toBe(0);
    expect(bandOfMinute(12 * 60)).toBe(1);
    expect(bandOfMinute(16 * 60 + 59)).toBe(1);
    expect(bandOfMinute(17 * 60)).toBe(2);
    expect(bandOfMinute(23 * 60 + 59)).toBe(2);
  });

  it("lists a mask's cells and writes it with whole presets first", () => {
    expect(availabilityCells(availabilityBit(5, 0) | availabilityBit(1, 2))).toEqual([
      { weekday: 1, band: 2 },
      { weekday: 5, band: 0 },
    ]);
    expect(whenCodes(WHEN_PRESETS["weekday-am"] | availabilityBit(5, 1))).toEqual(["weekday-am", "sat-pm"]);
    expect(whenCodes(WHEN_PRESETS.weekends)).toEqual(["weekends"]);
    expect(whenCodes(0)).toEqual([]);
  });
});

describe("parseAnswers / answersToSearchParams", () => {
  it("reads a shared link", () => {
    expect(parse("like=children.elderly&when=weekday-am.sat-pm&area=fujimi&reach=own&avoid=fee.evenings")).toEqual({
      likes: ["children", "elderly"],
      when: WHEN_PRESETS["weekday-am"] | availabilityBit(5, 1),
      area: "fujimi",
      reach: "own",
      avoid: ["evenings", "fee"],
      role: "",
    });
  });

  it("reads a form sent without JavaScript (repeated checkboxes)", () => {
    expect(parse("like=elderly&like=children&when=weekends&when=weekday-eve&area=suneori&reach=city&avoid=outdoors&avoid=in-person")).toEqual({
      likes: ["elderly", "children"],
      when: WHEN_PRESETS.weekends | WHEN_PRESETS["weekday-eve"],
      area: "suneori",
      reach: "city",
      avoid: ["in-person", "outdoors"],
      role: "",
    });
  });

  it("round-trips: the same answers give the same short address, whatever order they were ticked in", () => {
    const answers: MatchAnswers = { likes: ["elderly", "children"], when: WHEN_PRESETS["weekday-am"] | availabilityBit(5, 1), area: "fujimi", reach: "own", avoid: ["fee", "evenings"], role: "help" };
    const params = answersToSearchParams(answers);
    expect(params.toString()).toBe("like=children.elderly&when=weekday-am.sat-pm&area=fujimi&reach=own&avoid=evenings.fee&do=help");
    const back = parseAnswers(params);
    expect(back).toEqual({ ...answers, likes: ["children", "elderly"], avoid: ["evenings", "fee"] });
    expect(answersToSearchParams(back).toString()).toBe(params.toString());
    expect(answersToSearchParams({ ...answers, likes: ["children", "elderly"], avoid: ["evenings", "fee"] }).toString()).toBe(params.toString());
  });

  it("leaves defaults out: no answers, no parameters; the default reach is not written", () => {
    expect(answersToSearchParams(EMPTY_ANSWERS).toString()).toBe("");
    expect(answersToSearchParams({ ...EMPTY_ANSWERS, area: "fujimi" }).toString()).toBe("area=fujimi");
    expect(isEmptyAnswers(parse(""))).toBe(true);
    expect(isEmptyAnswers(parse("reach=city"))).toBe(true);
    expect(isEmptyAnswers(parse("area=fujimi"))).toBe(false);
    expect(isEmptyAnswers(parse("do=join"))).toBe(false);
  });

  it("ignores what it cannot read and never throws", () => {
    const bad = ["like=<script>&when=someday.xyz-am.mon-noon&area=../../etc&reach=moon&avoid=rain&do=nothing", "like=&when=&avoid=", "%E0%A4%A&like=%00", `like=${"a".repeat(500)}`, "when=mon-am-pm"];
    for (const query of bad) {
      expect(() => parse(query)).not.toThrow();
      const answers = parse(query);
      expect(answers.when).toBe(0);
      expect(answers.area).toBe("");
      expect(answers.reach).toBe("neighbours");
      expect(answers.avoid).toEqual([]);
      expect(answers.role).toBe("");
    }
    expect(parse(bad[0]!).likes).toEqual([]);
    // Good values survive next to bad ones; duplicates count once; upper case is read as lower case.
    expect(parse("like=ELDERLY,elderly,??&when=SAT-AM.never&avoid=fee.fee.hail")).toEqual({ ...EMPTY_ANSWERS, likes: ["elderly"], when: availabilityBit(5, 0), avoid: ["fee"] });
  });

  it("keeps at most 20 liked slugs", () => {
    const many = Array.from({ length: 40 }, (_, i) => `c${i}`).join(".");
    expect(parse(`like=${many}`).likes).toHaveLength(20);
  });
});

describe("seekerFromAnswers", () => {
  it("turns slugs into ids (a slug both taxonomies have means both), the area into its id, and keeps the week and what to avoid", () => {
    const seeker = seekerFromAnswers(parse("like=children.multicultural.unknown&when=weekends&area=suneori&reach=city&avoid=fee&do=help"), taxonomy, { languages: ["vi"] });
    expect(seeker.categoryIds).toEqual([3, 4]);
    expect(seeker.audienceIds).toEqual([11]);
    expect(seeker.areaId).toBe(28);
    expect(seeker.reach).toBe("city");
    expect(seeker.availability).toBe(WHEN_PRESETS.weekends);
    expect(seeker.avoid).toEqual(["fee"]);
    expect(seeker.languages).toEqual(["ja", "vi"]);
    expect(seeker.history.hasHistory).toBe(false);
    expect(seeker.excluded.size).toBe(0);
    expect(seeker.role).toBe("help");
    expect(seeker.supportsFamilies).toBe(false);
    expect(seekerFromAnswers(parse("like=parenting"), taxonomy).supportsFamilies).toBe(true);
  });

  it("an unknown area is no area", () => {
    expect(seekerFromAnswers(parse("area=atlantis"), taxonomy).areaId).toBeNull();
  });

  it("gives a new profile its starting values", () => {
    expect(profileFromAnswers(parse("like=elderly&when=weekday-am&area=fujimi&avoid=evenings"), taxonomy)).toEqual({
      interestIds: [1],
      audienceIds: [],
      availability: WHEN_PRESETS["weekday-am"],
      areaId: 21,
      reach: "neighbours",
      avoid: ",evenings,",
      role: "",
    });
    expect(profileFromAnswers(parse("do=help"), taxonomy).role).toBe("help");
  });
});

describe("stored values", () => {
  it("avoid codes round-trip through Profile.avoid", () => {
    expect(avoidToStored(["fee", "evenings", "nonsense"])).toBe(",evenings,fee,");
    expect(avoidToStored([])).toBe(",");
    expect(avoidFromStored(",evenings,fee,")).toEqual(["evenings", "fee"]);
    expect(avoidFromStored(",,bogus,")).toEqual([]);
  });

  it("特技を活かす counts as an interest only for someone who did not name their skills (their skills count instead)", () => {
    const interests = [
      { id: 1, slug: "elderly" },
      { id: 12, slug: "skills" },
    ];
    expect(interestIds(interests, [])).toEqual([1, 12]);
    expect(interestIds(interests, ["写真撮影"])).toEqual([1]);
  });

  it("skills are compared in one form: width, case and the usual word", () => {
    expect(normaliseSkill(" ＰＣ ")).toBe("パソコン");
    expect(normaliseSkill("料理")).toBe("調理");
    expect(splitSkills("調理、ﾊﾟｿｺﾝ,車の運転／手話、、調理")).toEqual(["調理", "パソコン", "運転", "手話"]);
    expect(splitSkills("")).toEqual([]);
  });
});
