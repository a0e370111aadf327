// Residents know their 町名 (脚折町, 富士見3丁目) or their children's school, rarely which of the council's areas
// (地域支え合い協議会) they live in. Each area lists the 町域 it covers ("脚折町、脚折（一部）") and its school
// district; this reads those lists so a typed or picked 町名 can be turned into its area or areas.
// Pure: runs on the server (filtering) and in the browser (the sentence saying which area was used).

type AreaTowns = { slug: string; name: string; towns: string; schoolDistrict?: string };

export type TownMatch =
  | { kind: "found"; town: string; areas: { slug: string; name: string; partial: boolean }[] }
  | { kind: "unknown"; town: string };

const PARTIAL = /（一部）|\(一部\)/;
const PARTIAL_ALL = /（一部）|\(一部\)/g;
// 富士見1丁目 … 富士見5丁目 are one 町名 to a resident: 富士見.
const CHOME = /[0-9０-９一二三四五六七八九十]+丁目.*$/;

/** Full-width digits and letters folded, spaces dropped, ケ/ヶ/が spelt one way ("鶴ケ丘", "鶴が丘" → 鶴ヶ丘). */
export function normalizeTownInput(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^(埼玉県)?(鶴[ヶケが]島市)?/, "")
    .replace(/(?<=\p{Script=Han})[ケが](?=\p{Script=Han})/gu, "ヶ");
}

/** The 町名 part of an address: "脚折町2丁目", "富士見3-5-1", "脚折1234番地" → 脚折町, 富士見, 脚折. */
function townPart(input: string): string {
  return input.replace(CHOME, "").replace(/[0-9][0-9\-‐−ー番地号の]*$/, "");
}

function splitTowns(towns: string) {
  return towns
    .split(/[、,]/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ name: t.replace(PARTIAL_ALL, "").replace(CHOME, ""), partial: PARTIAL.test(t) }));
}

/** Every 町名 the areas cover, once each, in the areas' order: the suggestions of the 町名 field. */
export function townNames(areas: AreaTowns[]): string[] {
  return [...new Set(areas.flatMap((a) => splitTowns(a.towns).map((t) => t.name)))];
}

/** School districts as written in the area data, without "（一部）": further suggestions. */
export function schoolDistrictNames(areas: AreaTowns[]): string[] {
  return [...new Set(areas.map((a) => (a.schoolDistrict ?? "").replace(PARTIAL_ALL, "").trim()).filter(Boolean))];
}

/** What the 町名 field suggests: every 町名, then every school district. */
export function townSuggestions(areas: AreaTowns[]): string[] {
  return [...townNames(areas), ...schoolDistrictNames(areas)];
}

const schoolKey = (s: string) => s.replace(PARTIAL_ALL, "").replace(/(小学校区|小学校|小学区|校区|小)$/, "");

/**
 * The area(s) of a 町名, school district or area name, as typed by a resident. A 町 split between areas
 * (脚折 belongs partly to つるがしま中央 and partly to すねおり) gives all of them, each marked partial.
 * Order of trust: a 町名 in the lists, then a school district, then the name of an area itself.
 */
export function findAreasForTown(input: string, areas: AreaTowns[]): TownMatch {
  const typed = normalizeTownInput(input);
  const town = townPart(typed) || typed;
  // One entry per area: 富士見1丁目 … 5丁目 all lead to 富士見地区 once.
  const byTown = areas.flatMap((a) => {
    const hits = splitTowns(a.towns).filter((t) => normalizeTownInput(t.name) === town);
    return hits.length ? [{ slug: a.slug, name: a.name, partial: hits.every((t) => t.partial) }] : [];
  });
  if (byTown.length) return { kind: "found", town, areas: byTown };
  const bySchool = areas
    .filter((a) => a.schoolDistrict && schoolKey(normalizeTownInput(a.schoolDistrict)) === schoolKey(typed))
    .map((a) => ({ slug: a.slug, name: a.name, partial: PARTIAL.test(a.schoolDistrict!) }));
  if (bySchool.length) return { kind: "found", town: typed, areas: bySchool };
  const areaKey = (s: string) => normalizeTownInput(s).toLowerCase().replace(/(地区|地域|area)$/i, "").trim();
  const byName = areas.filter((a) => areaKey(a.name) === areaKey(typed) || a.slug === typed.toLowerCase());
  if (byName.length) return { kind: "found", town: typed, areas: byName.map((a) => ({ slug: a.slug, name: a.name, partial: false })) };
  return { kind: "unknown", town: typed };
}
