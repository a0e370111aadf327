// Column profiles of the 自治体標準オープンデータセット (formerly 推奨データセット), as data: a profile is a list of
// columns, each with its exact header, whether the standard requires it, the format its cells must have, and how
// the cell is read from a row the exporter prepared. A newer profile (デジタル庁's revision, once its 項目定義書 is
// confirmed) is one more entry of this file, not new code.
//
// The profiles here are the older, confirmed definition (政府CIO era): イベント一覧 with 32 columns and 公共施設一覧 with
// 24, headers and order as published (see shared DOMAIN-JA.md §1). Formats are the rules Code for Japan's validator
// checks (OpenDataTools): code 6 digits, NO 10 digits, カナ in katakana, dates YYYY-MM-DD, times hh:mm, coordinates
// with 6 decimals, phone numbers with hyphens, weekdays in kanji, URLs http(s).

export type CellFormat = "code" | "no" | "text" | "kana" | "date" | "time" | "number" | "latlng" | "phone" | "weekdays" | "url";

export type Column<Row> = { header: string; required: boolean; format: CellFormat; cell: (row: Row) => string };

export type Profile<Row> = {
  /** Stable id, e.g. for a ?profile= choice once there is more than one. */
  id: string;
  /** The standard's name of the dataset (shown on /opendata). */
  dataset: string;
  columns: Column<Row>[];
};

/** What every row of either dataset carries: the body that publishes it. */
export type Publisher = { code: string; prefecture: string; city: string };

/** One upcoming date of a public event, with what the イベント一覧 columns need (already in Tokyo time and plain text). */
export type EventRow = Publisher & {
  no: string;
  title: string;
  titleKana: string;
  titleEnglish: string;
  startDate: string;
  endDate: string;
  startTime: string;
  endTime: string;
  dateNote: string;
  description: string;
  fee: string;
  feeNote: string;
  contactName: string;
  contactPhone: string;
  organiser: string;
  venueName: string;
  address: string;
  addressDetail: string;
  lat: string;
  lng: string;
  access: string;
  parking: string;
  capacity: string;
  applyByDate: string;
  applyByTime: string;
  howToApply: string;
  url: string;
  note: string;
};

/** One public place (居場所), for the 公共施設一覧 columns. */
export type PlaceRow = Publisher & {
  no: string;
  name: string;
  nameKana: string;
  address: string;
  addressDetail: string;
  lat: string;
  lng: string;
  phone: string;
  organiser: string;
  weekdays: string;
  startTime: string;
  endTime: string;
  scheduleNote: string;
  description: string;
  barrierFree: string;
  url: string;
  note: string;
};

const col = <Row>(header: string, format: CellFormat, cell: (row: Row) => string, required = false): Column<Row> => ({ header, format, cell, required });
const blank = () => "";

export const EVENTS_2017: Profile<EventRow> = {
  id: "events-suisho",
  dataset: "イベント一覧",
  columns: [
    col("都道府県コード又は市区町村コード", "code", (r) => r.code),
    col("NO", "no", (r) => r.no),
    col("都道府県名", "text", (r) => r.prefecture),
    col("市区町村名", "text", (r) => r.city),
    col("イベント名", "text", (r) => r.title, true),
    col("イベント名_カナ", "kana", (r) => r.titleKana, true),
    col("イベント名_英語", "text", (r) => r.titleEnglish),
    col("開始日", "date", (r) => r.startDate, true),
    col("終了日", "date", (r) => r.endDate, true),
    col("開始時間", "time", (r) => r.startTime, true),
    col("終了時間", "time", (r) => r.endTime, true),
    col("開始日時特記事項", "text", (r) => r.dateNote),
    col("説明", "text", (r) => r.description, true),
    col("料金(基本)", "number", (r) => r.fee),
    col("料金(詳細)", "text", (r) => r.feeNote),
    col("連絡先名称", "text", (r) => r.contactName),
    col("連絡先電話番号", "phone", (r) => r.contactPhone),
    col("連絡先内線番号", "text", blank),
    col("主催者", "text", (r) => r.organiser),
    col("場所名称", "text", (r) => r.venueName, true),
    col("住所", "text", (r) => r.address, true),
    col("方書", "text", (r) => r.addressDetail),
    col("緯度", "latlng", (r) => r.lat),
    col("経度", "latlng", (r) => r.lng),
    col("アクセス方法", "text", (r) => r.access),
    col("駐車場情報", "text", (r) => r.parking),
    col("定員", "number", (r) => r.capacity),
    col("参加申込終了日", "date", (r) => r.applyByDate),
    col("参加申込終了時間", "time", (r) => r.applyByTime),
    col("参加申込方法", "text", (r) => r.howToApply),
    col("URL", "url", (r) => r.url),
    col("備考", "text", (r) => r.note),
  ],
};

export const PLACES_2017: Profile<PlaceRow> = {
  id: "facilities-suisho",
  dataset: "公共施設一覧",
  columns: [
    col("都道府県コード又は市区町村コード", "code", (r) => r.code),
    col("NO", "no", (r) => r.no),
    col("都道府県名", "text", (r) => r.prefecture),
    col("市区町村名", "text", (r) => r.city),
    col("名称", "text", (r) => r.name, true),
    col("名称_カナ", "kana", (r) => r.nameKana, true),
    col("名称_通称", "text", blank),
    // POI codes classify public facilities; a community 居場所 has none of its own, so the column stays empty.
    col("POIコード", "text", blank),
    col("住所", "text", (r) => r.address, true),
    col("方書", "text", (r) => r.addressDetail),
    col("緯度", "latlng", (r) => r.lat),
    col("経度", "latlng", (r) => r.lng),
    col("電話番号", "phone", (r) => r.phone),
    col("内線番号", "text", blank),
    col("法人番号", "text", blank),
    col("団体名", "text", (r) => r.organiser),
    col("利用可能曜日", "weekdays", (r) => r.weekdays),
    col("開始時間", "time", (r) => r.startTime),
    col("終了時間", "time", (r) => r.endTime),
    col("利用可能日時特記事項", "text", (r) => r.scheduleNote),
    col("説明", "text", (r) => r.description),
    col("バリアフリー情報", "text", (r) => r.barrierFree),
    col("URL", "url", (r) => r.url),
    col("備考", "text", (r) => r.note),
  ],
};

/** The profiles offered, per dataset file. */
export const OPEN_DATA_FILES = {
  events: EVENTS_2017,
  places: PLACES_2017,
} as const;
export type OpenDataFile = keyof typeof OPEN_DATA_FILES;
