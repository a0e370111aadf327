import { stringify } from "csv-stringify/sync";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { addDays, startOfTokyoDay } from "~/utils/dates";
import { isPublic, publicEventDateWhere, publicWhere } from "~/modules/publishing/visibility";
import { localize } from "~/modules/i18n/localize.server";
import { readingOf } from "~/modules/search/reading.server";
import { coordinateCell, dateCell, phoneCell, recordNo, storedTimeCell, textCell, timeCell, toKatakana, urlCell, weekdaysCell } from "./cells";
import { FEE_KIND, describeFee, feeOf, type Fee } from "~/modules/fees/fee";
import { serverI18n } from "~/modules/i18n/i18next.server";
import type { TFunction } from "i18next";
import { OPEN_DATA_FILES, type EventRow, type OpenDataFile, type PlaceRow, type Profile, type Publisher } from "./profiles";

// The open-data files of /opendata: published items only (the publishing layer decides) and no personal data. A
// file under CC BY can be copied anywhere for ever, so it says less than the item's own page: the contact is the
// group (not the person the group named), a mobile number (likely a person's own) is left out, and a place that
// shows only its area keeps its street address and coordinates out of the file too.

/** How far ahead event dates are listed. */
export const OPEN_DATA_DAYS_AHEAD = 366;
/** A file stays a reasonable download even for a busy city. */
export const OPEN_DATA_ROW_CAP = 10_000;

function publisher(): Publisher {
  const env = getEnv();
  return { code: env.LOCAL_GOVERNMENT_CODE, prefecture: env.PREFECTURE_NAME, city: env.CITY_NAME };
}

/**
 * Stored addresses read 「鶴ヶ島市富士見3-12-5 富士見三丁目集会所」: the street address, then the building. Open data
 * wants the full address (with the prefecture) in 住所 and the building in 方書.
 */
export function splitAddress(stored: string, pub: Publisher): { address: string; addressDetail: string } {
  const [street = "", ...rest] = stored.normalize("NFKC").trim().split(/\s+/);
  if (!street) return { address: pub.prefecture + pub.city, addressDetail: "" };
  const withCity = street.startsWith(pub.city) || street.startsWith(pub.prefecture) ? street : pub.city + street;
  return { address: withCity.startsWith(pub.prefecture) ? withCity : pub.prefecture + withCity, addressDetail: rest.join(" ") };
}

/** A group's landline as published; mobile numbers (070/080/090) are usually a person's own and stay on the item's page only. */
function publicPhone(stored: string): string {
  const phone = phoneCell(stored);
  return /^0[789]0-/.test(phone) ? "" : phone;
}

/** A reading in katakana: the organiser's own, else the dictionary's (kuromoji) for the name. */
async function kanaOf(stored: string, name: string): Promise<string> {
  return toKatakana(stored.trim() ? stored : await readingOf(name));
}

function toCsv<Row>(profile: Profile<Row>, rows: Row[]): string {
  return stringify([profile.columns.map((c) => c.header), ...rows.map((row) => profile.columns.map((c) => c.cell(row)))], {
    bom: true,
    record_delimiter: "windows",
  });
}

const placeForEvent = {
  select: { name: true, address: true, showAreaOnly: true, lat: true, lng: true, access: true, parking: true, status: true, group: { select: { status: true } } },
} as const;

export async function eventRows(now = new Date()): Promise<EventRow[]> {
  const pub = publisher();
  const origin = getEnv().APP_ORIGIN;
  const from = startOfTokyoDay(now);
  const dates = await prisma.eventDate.findMany({
    where: { ...publicEventDateWhere(), status: { in: ["scheduled", "moved"] }, startsAt: { gte: from, lt: addDays(from, OPEN_DATA_DAYS_AHEAD) } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: OPEN_DATA_ROW_CAP,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      note: true,
      capacity: true,
      originalStartsAt: true,
      event: {
        select: {
          id: true,
          title: true,
          titleKana: true,
          summary: true,
          description: true,
          feeKind: true,
          fee: true,
          feeFreeFor: true,
          feeNote: true,
          capacity: true,
          contactName: true,
          contactPhone: true,
          venueName: true,
          venueAddress: true,
          onlineUrl: true,
          registrationRequired: true,
          registrationCloseHours: true,
          group: { select: { name: true } },
          area: { select: { name: true } },
          place: placeForEvent,
        },
      },
    },
  });
  const events = [...new Map(dates.map((d) => [d.event.id, d.event])).values()];
  const english = new Map((await localize("event", events, ["title"], "en")).map((e) => [e.id, e.fieldLang.title === "en" ? e.title : ""]));
  const kana = new Map(await Promise.all(events.map(async (e) => [e.id, await kanaOf(e.titleKana, e.title)] as const)));
  const ja = serverI18n.getFixedT("ja", "common");
  return dates.map((d) => {
    const e = d.event;
    const place = e.place && isPublic(e.place) ? e.place : null;
    const precise = place && !place.showAreaOnly;
    const where = place
      ? splitAddress(place.showAreaOnly ? "" : place.address, pub)
      : splitAddress(e.venueAddress, pub);
    const applyBy = e.registrationRequired ? new Date(d.startsAt.getTime() - e.registrationCloseHours * 3_600_000) : null;
    const moved = d.status === "moved" && d.originalStartsAt ? `日時変更（当初 ${dateCell(d.originalStartsAt)} ${timeCell(d.originalStartsAt)}）` : "";
    return {
      ...pub,
      no: recordNo(d.id),
      title: textCell(e.title),
      titleKana: kana.get(e.id) ?? "",
      titleEnglish: textCell(english.get(e.id)),
      startDate: dateCell(d.startsAt),
      endDate: dateCell(d.endsAt),
      startTime: timeCell(d.startsAt),
      endTime: timeCell(d.endsAt),
      dateNote: textCell(moved, d.note),
      description: textCell(e.summary, e.description) || textCell(e.title),
      // 料金(基本) is what a paying visitor pays; 料金(詳細) says who does not pay, as the portal does.
      fee: e.fee === null || feeOf(e).kind === FEE_KIND.unknown ? "" : String(e.fee),
      feeNote: textCell(feeWords(feeOf(e), ja), e.feeNote),
      contactName: textCell(e.group.name),
      contactPhone: publicPhone(e.contactPhone),
      organiser: textCell(e.group.name),
      venueName: textCell(place?.name || e.venueName || (e.onlineUrl ? "オンライン" : e.area?.name ? `${pub.city} ${e.area.name}` : pub.city)),
      address: where.address,
      addressDetail: textCell(where.addressDetail),
      lat: precise ? coordinateCell(place.lat) : "",
      lng: precise ? coordinateCell(place.lng) : "",
      access: textCell(place?.access),
      parking: textCell(place?.parking),
      capacity: String(d.capacity ?? e.capacity ?? ""),
      applyByDate: applyBy ? dateCell(applyBy) : "",
      applyByTime: applyBy ? timeCell(applyBy) : "",
      howToApply: e.registrationRequired ? "ウェブサイトの申込フォーム（URL参照）" : "申込不要",
      url: urlCell(`${origin}/events/${e.id}`),
      note: textCell(e.onlineUrl ? "オンライン参加あり" : "", place?.showAreaOnly && e.area ? `所在地は地区のみ公開（${e.area.name}）` : ""),
    };
  });
}

export async function placeRows(): Promise<PlaceRow[]> {
  const pub = publisher();
  const origin = getEnv().APP_ORIGIN;
  const places = await prisma.place.findMany({
    where: publicWhere("place"),
    orderBy: { id: "asc" },
    take: OPEN_DATA_ROW_CAP,
    select: {
      id: true,
      name: true,
      nameKana: true,
      summary: true,
      description: true,
      address: true,
      showAreaOnly: true,
      lat: true,
      lng: true,
      contactPhone: true,
      scheduleDays: true,
      scheduleStart: true,
      scheduleEnd: true,
      scheduleNote: true,
      wheelchairAccess: true,
      accessibleToilet: true,
      barrierFreeNote: true,
      feeKind: true,
      fee: true,
      feeFreeFor: true,
      feeNote: true,
      group: { select: { name: true } },
      area: { select: { name: true } },
      type: { select: { name: true } },
    },
  });
  const ja = serverI18n.getFixedT("ja", "common");
  return Promise.all(
    places.map(async (p) => {
      const where = splitAddress(p.showAreaOnly ? "" : p.address, pub);
      return {
        ...pub,
        no: recordNo(p.id),
        name: textCell(p.name),
        nameKana: await kanaOf(p.nameKana, p.name),
        address: where.address,
        addressDetail: textCell(where.addressDetail),
        lat: p.showAreaOnly ? "" : coordinateCell(p.lat),
        lng: p.showAreaOnly ? "" : coordinateCell(p.lng),
        phone: publicPhone(p.contactPhone),
        organiser: textCell(p.group.name),
        weekdays: weekdaysCell(p.scheduleDays),
        startTime: storedTimeCell(p.scheduleStart),
        endTime: storedTimeCell(p.scheduleEnd),
        scheduleNote: textCell(p.scheduleNote),
        description: textCell(p.summary, p.description),
        // The standard separates barrier-free facts with a half-width ";".
        barrierFree: [p.wheelchairAccess ? "車いす利用可" : "", p.accessibleToilet ? "多目的トイレあり" : "", textCell(p.barrierFreeNote).replace(/;/g, "；")].filter(Boolean).join(";"),
        url: urlCell(`${origin}/places/${p.id}`),
        note: textCell(
          p.type.name,
          feeOf(p).kind === FEE_KIND.unknown ? "" : `参加費 ${feeWords(feeOf(p), ja)}`,
          p.feeNote,
          p.showAreaOnly && p.area ? `所在地は地区のみ公開（${p.area.name}）` : "",
        ),
      };
    }),
  );
}

/** A fee in the portal's Japanese words (「無料」「300円」「子ども無料・大人300円」); open data is published in Japanese. */
function feeWords(fee: Fee, ja: TFunction): string {
  return fee.kind === FEE_KIND.unknown ? "" : describeFee(fee, ja, "ja");
}

/** One open-data file as CSV text (UTF-8 with BOM, CRLF), in the profile offered for it. */
export async function openDataCsv(file: OpenDataFile, now = new Date()): Promise<string> {
  return file === "events" ? toCsv(OPEN_DATA_FILES.events, await eventRows(now)) : toCsv(OPEN_DATA_FILES.places, await placeRows());
}
