import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loader as eventsCsvLoader } from "~/routes/opendata.events[.]csv";
import { loader as placesCsvLoader } from "~/routes/opendata.places[.]csv";
import { loader as openDataPageLoader } from "~/routes/opendata._index";
import { phoneCell, toKatakana, weekdaysCell } from "~/modules/opendata/cells";
import { splitAddress } from "~/modules/opendata/export.server";
import { callLoader } from "./helpers";

// The headers and their order as the older 推奨データセット definition gives them (shared DOMAIN-JA.md §1), written out
// here on their own so that a change to the exporter's profile table cannot pass unnoticed.
const EVENT_HEADERS = [
  "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名", "イベント名_カナ", "イベント名_英語", "開始日", "終了日",
  "開始時間", "終了時間", "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者",
  "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
];
const PLACE_HEADERS = [
  "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_通称", "POIコード", "住所", "方書", "緯度", "経度",
  "電話番号", "内線番号", "法人番号", "団体名", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "説明", "バリアフリー情報", "URL", "備考",
];

/** RFC 4180 reader, independent of the exporter's CSV library. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i += 1;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

async function download(loader: () => Promise<Response>) {
  const response = await loader();
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { response, bytes, text, rows: parseCsv(text.replace(/^\uFEFF/, "")) };
}

// Code for Japan's validator rules (OpenDataTools README) for the formats that appear in these files.
const RULES: Record<string, RegExp> = {
  code: /^\d{6}$/,
  no: /^\d{10}$/,
  kana: /^[\u30a1-\u30f6ー・\u3000Ａ-Ｚａ-ｚ０-９A-Za-z0-9]+$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^([01]\d|2[0-3]):[0-5]\d$/,
  latlng: /^-?\d{1,3}\.\d{6}$/,
  phone: /^0\d{1,4}-\d{1,4}-\d{3,4}$/,
  weekdays: /^[月火水木金土日]+$/,
  url: /^https?:\/\/\S+$/,
  number: /^\d+$/,
};
function checkFormats(rows: string[][], formats: Record<string, keyof typeof RULES>, required: string[]) {
  const [header, ...data] = rows;
  const problems: string[] = [];
  for (const [r, row] of data.entries()) {
    expect(row).toHaveLength(header!.length);
    header!.forEach((name, i) => {
      const value = row[i]!;
      if (required.includes(name) && !value.trim()) problems.push(`row ${r + 2} ${name}: empty`);
      const rule = formats[name];
      if (value && rule && !RULES[rule]!.test(value)) problems.push(`row ${r + 2} ${name}: ${JSON.stringify(value)}`);
    });
  }
  expect(problems).toEqual([]);
  return data;
}

describe("open data: /opendata/events.csv (イベント一覧)", () => {
  it("has the 32 headers in the standard's order, UTF-8 with BOM and CRLF, served as CSV", async () => {
    const { response, bytes, text, rows } = await download(eventsCsvLoader);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain("\r\n");
    expect(rows[0]).toEqual(EVENT_HEADERS);
    expect(rows.length).toBeGreaterThan(10);
  });

  it("fills every required column and every cell in its format (code 112411, NO 10 digits, katakana, dates, times, URLs)", async () => {
    const { rows } = await download(eventsCsvLoader);
    const data = checkFormats(
      rows,
      { 都道府県コード又は市区町村コード: "code", NO: "no", イベント名_カナ: "kana", 開始日: "date", 終了日: "date", 開始時間: "time", 終了時間: "time", "料金(基本)": "number", 連絡先電話番号: "phone", 緯度: "latlng", 経度: "latlng", 定員: "number", 参加申込終了日: "date", 参加申込終了時間: "time", URL: "url" },
      ["イベント名", "イベント名_カナ", "開始日", "終了日", "開始時間", "終了時間", "説明", "場所名称", "住所"],
    );
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(["112411"]));
    expect(new Set(data.map((r) => `${r[2]}${r[3]}`))).toEqual(new Set(["埼玉県鶴ヶ島市"]));
    expect(new Set(data.map((r) => r[1])).size).toBe(data.length);
    for (const row of data) expect(row[20]!.startsWith("埼玉県鶴ヶ島市")).toBe(true);
  });

  it("names the group as the contact, never the person it named, and leaves out mobile numbers", async () => {
    const event = await prisma.event.findFirstOrThrow({
      where: { status: "published", group: { status: "approved" }, contactName: { not: "" }, dates: { some: { startsAt: { gte: new Date() }, status: "scheduled" } } },
      select: { id: true, contactName: true, group: { select: { name: true } } },
    });
    await prisma.event.update({ where: { id: event.id }, data: { contactPhone: "090-1234-5678" } });
    const { rows } = await download(eventsCsvLoader);
    const mine = rows.slice(1).filter((r) => r[30]!.endsWith(`/events/${event.id}`));
    expect(mine.length).toBeGreaterThan(0);
    for (const row of mine) {
      expect(row[15]).toBe(event.group.name);
      expect(row[16]).toBe("");
      if (event.contactName !== event.group.name) expect(row.join(",")).not.toContain(event.contactName);
    }
  });

  it("lists only upcoming, scheduled dates of published events of approved groups", async () => {
    const { rows } = await download(eventsCsvLoader);
    const listed = new Set(rows.slice(1).map((r) => Number(r[1])));
    const dates = await prisma.eventDate.findMany({
      where: { startsAt: { gte: new Date() } },
      select: { id: true, status: true, event: { select: { status: true, group: { select: { status: true } } } } },
    });
    const expected = dates.filter((d) => ["scheduled", "moved"].includes(d.status) && d.event.status === "published" && d.event.group.status === "approved");
    const hidden = dates.filter((d) => !expected.includes(d));
    expect(hidden.length).toBeGreaterThan(0);
    for (const d of hidden) expect(listed.has(d.id)).toBe(false);
    for (const d of expected.slice(0, 200)) expect(listed.has(d.id)).toBe(true);
  });
});

describe("open data: /opendata/places.csv (公共施設一覧)", () => {
  it("has the 24 headers in the standard's order and valid cells", async () => {
    const { rows, bytes } = await download(placesCsvLoader);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual(PLACE_HEADERS);
    const data = checkFormats(
      rows,
      { 都道府県コード又は市区町村コード: "code", NO: "no", 名称_カナ: "kana", 緯度: "latlng", 経度: "latlng", 電話番号: "phone", 利用可能曜日: "weekdays", 開始時間: "time", 終了時間: "time", URL: "url" },
      ["名称", "名称_カナ", "住所"],
    );
    const published = await prisma.place.count({ where: { status: "published", group: { status: "approved" } } });
    expect(data).toHaveLength(published);
  });

  it("leaves out places that are not public, and the street address and coordinates of area-only places", async () => {
    const { rows } = await download(placesCsvLoader);
    const byNo = new Map(rows.slice(1).map((r) => [Number(r[1]), r]));
    const notPublic = await prisma.place.findMany({ where: { OR: [{ status: { not: "published" } }, { group: { status: { not: "approved" } } }] }, select: { id: true } });
    expect(notPublic.length).toBeGreaterThan(0);
    for (const p of notPublic) expect(byNo.has(p.id)).toBe(false);

    const areaOnly = await prisma.place.findFirstOrThrow({ where: { showAreaOnly: true, status: "published", group: { status: "approved" } }, select: { id: true, address: true, area: { select: { name: true } } } });
    const row = byNo.get(areaOnly.id)!;
    expect(row[8]).toBe("埼玉県鶴ヶ島市");
    expect([row[9], row[10], row[11]]).toEqual(["", "", ""]);
    const street = areaOnly.address.split(/\s+/)[0]!.replace("鶴ヶ島市", "");
    if (street) expect(row.join(",")).not.toContain(street);
    expect(row[23]).toContain(areaOnly.area!.name);

    const precise = await prisma.place.findFirstOrThrow({ where: { showAreaOnly: false, lat: { not: null }, status: "published", group: { status: "approved" } }, select: { id: true, lat: true } });
    expect(byNo.get(precise.id)![10]).toBe(precise.lat!.toFixed(6));
  });

  it("a place hidden by staff drops out of the file at once", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { status: "published", group: { status: "approved" } }, select: { id: true } });
    await prisma.place.update({ where: { id: place.id }, data: { status: "hidden" } });
    try {
      const { rows } = await download(placesCsvLoader);
      expect(rows.slice(1).map((r) => Number(r[1]))).not.toContain(place.id);
    } finally {
      await prisma.place.update({ where: { id: place.id }, data: { status: "published" } });
    }
  });
});

describe("open data cells", () => {
  it("turns readings into katakana, phone numbers into hyphenated form and weekdays into kanji", () => {
    expect(toKatakana("ふじみ いきいきサロン")).toBe("フジミ　イキイキサロン");
    expect(phoneCell("049-271-1111")).toBe("049-271-1111");
    expect(phoneCell("０４９２７１１１１１")).toBe("049-271-1111");
    expect(phoneCell("09012345678")).toBe("090-1234-5678");
    expect(phoneCell("0120123456")).toBe("0120-123-456");
    expect(phoneCell("(049) 271-1111")).toBe("049-271-1111");
    expect(phoneCell("内線12")).toBe("");
    expect(weekdaysCell(",SA,MO,WE,")).toBe("月水土");
  });

  it("splits a stored address into a full address and the building (方書)", () => {
    const pub = { code: "112411", prefecture: "埼玉県", city: "鶴ヶ島市" };
    expect(splitAddress("鶴ヶ島市富士見3-12-5 富士見三丁目集会所", pub)).toEqual({ address: "埼玉県鶴ヶ島市富士見3-12-5", addressDetail: "富士見三丁目集会所" });
    expect(splitAddress("脚折町1-2-3", pub)).toEqual({ address: "埼玉県鶴ヶ島市脚折町1-2-3", addressDetail: "" });
    expect(splitAddress("", pub)).toEqual({ address: "埼玉県鶴ヶ島市", addressDetail: "" });
  });
});

describe("/opendata page", () => {
  it("states the licence and links both files, in Japanese and English", async () => {
    const ja = await callLoader(openDataPageLoader, "/opendata");
    expect(ja.files.map((f) => f.href)).toEqual(["/opendata/events.csv", "/opendata/places.csv"]);
    expect(ja.files[0]!.columns).toHaveLength(32);
    expect(ja.files[1]!.columns).toHaveLength(24);
    expect(ja.meta.title).toBe("オープンデータ");
    const en = await callLoader(openDataPageLoader, "/opendata?lng=en");
    expect(en.meta.title).toBe("Open data");
  });
});
