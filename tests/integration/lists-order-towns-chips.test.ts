import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addDays, fromTokyo, tokyoParts } from "~/utils/dates";
import { invalidatePublicCache } from "~/utils/cache.server";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as searchLoader } from "~/routes/search";
import { createEvent, createGroup, createOpening, createPlace, daysFromNow } from "../support/factories";
import { renderRoutes } from "../support/render-app";
import { callLoader } from "./helpers";

// Lists on a phone (issue 15): addresses without empty parameters, one order control with a sensible default on
// every list, a 町名 or school district turned into its area, and chips that each remove one filter.

const PUBLIC = { status: "published", group: { status: "approved" } } as const;

/** `days` Tokyo days from today at `hour`:00 Tokyo time, whatever the server's time zone. */
function tokyoAt(days: number, hour: number): Date {
  const p = tokyoParts(addDays(new Date(), days));
  return fromTokyo(p.year, p.month, p.day, hour);
}

/** The redirect a loader throws, as status and Location. */
async function redirectOf(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
  return null;
}

describe("a list address with empty parameters is redirected to the same list without them", () => {
  it.each([
    ["/places?area=&type=&town=脚折町&audience=&sort=", "/places?town=%E8%84%9A%E6%8A%98%E7%94%BA"],
    ["/places?lng=en&area=&beginner=1&page=2", "/places?lng=en&beginner=1&page=2"],
    ["/events?view=month&month=2026-12&area=&day=", "/events?view=month&month=2026-12"],
    ["/volunteer?area=&category=&mode=&language=&day=&time=&from=&to=", "/volunteer"],
    ["/search?q=サロン&area=&category=", "/search?q=%E3%82%B5%E3%83%AD%E3%83%B3"],
  ])("%s → 302 %s", async (url, location) => {
    const call = url.startsWith("/places")
      ? () => callLoader(placesLoader, url)
      : url.startsWith("/events")
        ? () => callLoader(eventsLoader, url)
        : url.startsWith("/volunteer")
          ? () => callLoader(volunteerLoader, url)
          : () => callLoader(searchLoader, url);
    expect(await redirectOf(call)).toEqual({ status: 302, location });
  });

  it("a clean address is answered, not redirected", async () => {
    expect(await redirectOf(() => callLoader(placesLoader, "/places?area=fujimi&beginner=1"))).toBeNull();
    expect(await redirectOf(() => callLoader(volunteerLoader, "/volunteer"))).toBeNull();
  });
});

describe("sort orders", () => {
  it("events: soonest date first by default, then newest and name order; a bad order gets the default", async () => {
    invalidatePublicCache();
    const group = await createGroup();
    const common = { languages: ",qaa,", areaId: null };
    await createEvent(group, { ...common, title: "歌声サロン", titleKana: "うたごえさろん", publishedAt: daysFromNow(-3), dates: [{ startsAt: tokyoAt(5, 10) }] });
    await createEvent(group, { ...common, title: "朝のラジオ体操", titleKana: "あさのらじおたいそう", publishedAt: daysFromNow(-1), dates: [{ startsAt: tokyoAt(2, 9) }] });
    await createEvent(group, {
      ...common,
      title: "子ども将棋教室",
      titleKana: "こどもしょうぎきょうしつ",
      publishedAt: daysFromNow(-10),
      dates: [{ startsAt: tokyoAt(1, 18) }, { startsAt: tokyoAt(8, 18) }],
    });
    const titles = async (qs: string) => (await callLoader(eventsLoader, `/events?language=qaa${qs}`)).items.map((i) => `${i.title}@${new Date(i.startsAt).toISOString()}`);
    const at = (title: string, days: number, hour: number) => `${title}@${tokyoAt(days, hour).toISOString()}`;
    const soonest = [at("子ども将棋教室", 1, 18), at("朝のラジオ体操", 2, 9), at("歌声サロン", 5, 10), at("子ども将棋教室", 8, 18)];
    expect(await titles("")).toEqual(soonest);
    expect(await titles("&sort=soonest")).toEqual(soonest);
    expect(await titles("&sort=newest")).toEqual([at("朝のラジオ体操", 2, 9), at("歌声サロン", 5, 10), at("子ども将棋教室", 1, 18), at("子ども将棋教室", 8, 18)]);
    expect(await titles("&sort=name")).toEqual([at("朝のラジオ体操", 2, 9), at("歌声サロン", 5, 10), at("子ども将棋教室", 1, 18), at("子ども将棋教室", 8, 18)]);
    expect(await titles("&sort=user.passwordHash")).toEqual(soonest);
    expect(await titles("&sort=near")).toEqual(soonest);
  });

  it("openings: soonest shift first by default (ongoing ones after), then newest and name order", async () => {
    invalidatePublicCache();
    const group = await createGroup();
    const common = { languages: ",qab," };
    await createOpening(group, { ...common, title: "図書館の本の修理", titleKana: "としょかんのほんのしゅうり", publishedAt: daysFromNow(-1), shifts: [{ startsAt: tokyoAt(6, 10) }] });
    await createOpening(group, {
      ...common,
      title: "公園の花壇の手入れ",
      titleKana: "こうえんのかだんのていれ",
      publishedAt: daysFromNow(-5),
      shifts: [{ startsAt: tokyoAt(9, 9) }, { startsAt: tokyoAt(2, 9) }],
    });
    await createOpening(group, { ...common, title: "見守り電話（いつでも）", titleKana: "みまもりでんわ", ongoing: true, publishedAt: daysFromNow(0), shifts: [] });
    const titles = async (qs: string) => (await callLoader(volunteerLoader, `/volunteer?language=qab${qs}`)).items.map((i) => i.title);
    const soonest = ["公園の花壇の手入れ", "図書館の本の修理", "見守り電話（いつでも）"];
    expect(await titles("")).toEqual(soonest);
    expect(await titles("&sort=newest")).toEqual(["見守り電話（いつでも）", "図書館の本の修理", "公園の花壇の手入れ"]);
    expect(await titles("&sort=name")).toEqual(["公園の花壇の手入れ", "図書館の本の修理", "見守り電話（いつでも）"]);
    expect(await titles("&sort=%27%3B--")).toEqual(soonest);
    // The first card shows the soonest shift: Tokyo time, two days from today at 9:00.
    const first = (await callLoader(volunteerLoader, "/volunteer?language=qab")).items[0]!;
    expect(first.nextShift?.startsAt).toBe(tokyoAt(2, 9).toISOString());
    // The whole seeded list is in date order too (openings 36 and the like are not ordered by publication).
    const all = (await callLoader(volunteerLoader, "/volunteer")).items.map((i) => i.nextShift?.startsAt ?? "~");
    expect([...all].sort()).toEqual(all);
  });

  it("places: name order (あいうえお) by default, newest on request", async () => {
    invalidatePublicCache();
    const group = await createGroup();
    const common = { languages: ",qac," };
    await createPlace(group, { ...common, name: "わかばの家", nameKana: "わかばのいえ", publishedAt: daysFromNow(-2) });
    await createPlace(group, { ...common, name: "あおぞらサロン", nameKana: "あおぞらさろん", publishedAt: daysFromNow(-5) });
    await createPlace(group, { ...common, name: "きずな食堂", nameKana: "きずなしょくどう", publishedAt: daysFromNow(-1) });
    const names = async (qs: string) => (await callLoader(placesLoader, `/places?language=qac${qs}`)).items.map((i) => i.name);
    expect(await names("")).toEqual(["あおぞらサロン", "きずな食堂", "わかばの家"]);
    expect(await names("&sort=name")).toEqual(["あおぞらサロン", "きずな食堂", "わかばの家"]);
    expect(await names("&sort=newest")).toEqual(["きずな食堂", "わかばの家", "あおぞらサロン"]);
    expect(await names("&sort=soonest")).toEqual(["あおぞらサロン", "きずな食堂", "わかばの家"]);
  });
});

describe("a 町名 or school district lists its area", () => {
  const countIn = (slugs: string[]) => prisma.place.count({ where: { ...PUBLIC, area: { slug: { in: slugs } } } });

  it.each([
    ["脚折町", ["suneori"]],
    ["富士見", ["fujimi"]],
    ["富士見２丁目", ["fujimi"]],
    ["栄小学校区", ["fujimi"]],
    ["脚折", ["chuo", "suneori"]],
  ])("%s → %j", async (town, slugs) => {
    const data = await callLoader(placesLoader, `/places?town=${encodeURIComponent(town)}`);
    expect(data.total).toBe(await countIn(slugs));
    expect(data.total).toBeGreaterThan(0);
    expect(data.items.every((p) => slugs.includes(p.areaSlug ?? ""))).toBe(true);
  });

  it("an unknown name filters nothing and does not fail", async () => {
    const all = await callLoader(placesLoader, "/places");
    const unknown = await callLoader(placesLoader, `/places?town=${encodeURIComponent("存在しない町")}`);
    expect(unknown.total).toBe(all.total);
    const long = await callLoader(placesLoader, `/places?town=${"あ".repeat(500)}`);
    expect(long.total).toBe(all.total);
  });

  it("works on events and openings too", async () => {
    const events = await callLoader(eventsLoader, `/events?town=${encodeURIComponent("脚折町")}`);
    expect(events.items.every((e) => e.areaSlug === "suneori")).toBe(true);
    const openings = await callLoader(volunteerLoader, `/volunteer?town=${encodeURIComponent("富士見")}`);
    expect(openings.items.every((o) => o.areaSlug === "fujimi")).toBe(true);
  });
});

describe("the rendered list says which area a 町名 is in and shows removable chips", () => {
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    // Rendered as the server renders them (entry.server, root, the route), from source.
    ({ handle } = await renderRoutes(["places._index", "volunteer._index", "_index"]));
  });

  async function render(url: string, lang = "ja") {
    const response = await handle(new Request(new URL(url, "http://localhost:3000"), { headers: { "Accept-Language": lang } }));
    expect(response.status).toBe(200);
    return response.text();
  }
  const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  const chips = (html: string) =>
    [...html.matchAll(/<a [^>]*class="chip chip--active"[^>]*>/g)].map((m) => ({
      href: decode(/href="([^"]*)"/.exec(m[0])![1]!),
      name: decode(/aria-label="([^"]*)"/.exec(m[0])![1]!),
    }));
  const notice = (html: string) => /<p class="notice notice--(?:info|warn) town-notice">(.*?)<\/p>/s.exec(html)?.[1];

  it("脚折町: the sentence names the area, and each chip links to the list without its own filter", async () => {
    const html = await render(`/places?town=${encodeURIComponent("脚折町")}&free=1&audience=elderly`);
    expect(notice(html)).toBe("脚折町は「すねおり」の地区です。この地区の結果を表示しています。");
    const town = encodeURIComponent("脚折町");
    expect(chips(html)).toEqual([
      { href: "/places?free=1&audience=elderly", name: "条件を外す：脚折町" },
      { href: `/places?town=${town}&free=1`, name: "条件を外す：高齢者" },
      { href: `/places?town=${town}&audience=elderly`, name: "条件を外す：無料" },
    ]);
    // The filters sit behind one closed 「絞り込み」 disclosure, the count before the cards.
    const list = await render(`/places?town=${town}`);
    expect(list).toMatch(/<details class="filter-panel"><summary class="filter-panel__toggle">/);
    expect(list.indexOf('class="card')).toBeGreaterThan(0);
    expect(list.indexOf('class="result-count"')).toBeLessThan(list.indexOf('class="card'));
  });

  it("脚折 is split between two areas, and an unknown name gets a translated message (ja and en)", async () => {
    expect(notice(await render(`/places?town=${encodeURIComponent("脚折")}`))).toBe(
      "脚折は「つるがしま中央、すねおり」の地区にまたがっています。これらの地区の結果を表示しています。",
    );
    expect(notice(await render(`/places?town=${encodeURIComponent("存在しない町")}`))).toBe(
      "「存在しない町」という町名・小学校区は見つかりませんでした。候補から選ぶか、「地域」で選んでください。",
    );
    expect(notice(await render(`/volunteer?town=${encodeURIComponent("脚折町")}`, "en"))).toBe("脚折町 is in the Suneori area. Showing results for that area.");
    expect(notice(await render(`/places?town=xyz`, "en"))).toBe(
      "We could not find a town or school district called “xyz”. Pick one from the suggestions, or choose an area.",
    );
  });

  it("the home page offers the 町名 field with every 町名 near the top, before this week's events", async () => {
    const html = await render("/");
    const options = [...(/<datalist id="home-town-names">(.*?)<\/datalist>/s.exec(html)?.[1] ?? "").matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    expect(options).toEqual(expect.arrayContaining(["脚折町", "脚折", "富士見", "五味ヶ谷", "栄小学校区"]));
    expect(html).toMatch(/<form method="get" action="\/places" class="area-search__form"/);
    expect(html.indexOf('id="by-area"')).toBeLessThan(html.indexOf('id="this-week"'));
    expect(html.indexOf('id="by-area"')).toBeGreaterThan(html.indexOf('id="home-q"'));
  });
});
