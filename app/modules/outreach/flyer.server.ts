import { withReadings } from "~/modules/furigana/ruby.server";
import type { TFunction } from "i18next";
import { getPublishedPlace } from "~/modules/places/queries.server";
import { getPublishedEvent } from "~/modules/events/queries.server";
import { getPublishedOpening } from "~/modules/volunteering/queries.server";
import { loadPublicDetail } from "~/modules/publishing/detail.server";
import { publicPath, type PublicKind } from "~/modules/publishing/visibility";
import { describeSchedule } from "~/modules/schedule/describe";
import type { Fee } from "~/modules/fees/fee";
import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { getEnv } from "~/utils/env.server";
import { qrSvg } from "./qr.server";

/** Where each kind's public page lives; the flyer's QR code leads there. */

/** How many dates a flyer lists: what fits beside the QR code on one A4 sheet. */
export const FLYER_DATES = 6;

type Localized = { value: string; lang?: string };

/** One flyer, whatever the kind: the facts a notice board needs, in the reader's language where translated. */
export type Flyer = {
  kind: PublicKind;
  id: number;
  path: string;
  url: string;
  qrSvg: string;
  kicker: string | null;
  title: Localized;
  summary: Localized | null;
  schedule: string | null;
  scheduleNote: Localized | null;
  dates: { startsAt: string; endsAt: string | null; cancelled: boolean }[];
  where: { name: Localized | null; address: string | null; access: Localized | null; area: string | null; areaOnly: boolean; online: boolean };
  audiences: string;
  fee: Fee | null;
  feeNote: Localized | null;
  /** Interface keys, one line each, on how to take part (book, register, apply). */
  applyKeys: string[];
  applyNote: Localized | null;
  applyBy: string | null;
  contact: { name: string; phone: string; email: string };
  organiser: Localized;
};

function audiencesOf(slugs: string[], taxonomy: Taxonomy, t: TFunction): string {
  const names = slugs.map((s) => taxonomy.audiences.find((a) => a.slug === s)?.name ?? s);
  return names.join(t("list.separator")) || t("audience.anyone");
}

const areaName = (taxonomy: Taxonomy, slug: string | null) => (slug ? (taxonomy.areas.find((a) => a.slug === slug)?.name ?? null) : null);
const text = (value: string | null | undefined, lang?: string): Localized | null => (value ? { value, lang } : null);

/**
 * The flyer of a public place, event or opening (404 for anything not public, as its page), with a QR code to the
 * page's canonical address (APP_ORIGIN, never the request's Host).
 */
export async function loadFlyer(request: Request, kind: PublicKind, idParam: string | undefined): Promise<Flyer & { siteName: string }> {
  const path = (id: number) => publicPath(kind, id);
  const withQr = async (flyer: Omit<Flyer, "url" | "qrSvg" | "path" | "kind">) => {
    const url = `${getEnv().APP_ORIGIN}${path(flyer.id)}`;
    return { ...flyer, kind, path: path(flyer.id), url, qrSvg: await qrSvg(url) };
  };
  if (kind === "place") {
    const { t, item: p, taxonomy } = await loadPublicDetail(request, idParam, "place", getPublishedPlace);
    return {
      siteName: t("site.name"),
      ...(await withQr({
        id: p.id,
        kicker: taxonomy.placeTypes.find((x) => x.slug === p.typeSlug)?.name ?? null,
        title: { value: p.name, lang: p.fieldLang.name },
        summary: text(p.summary, p.fieldLang.summary),
        schedule: p.schedule.rule ? describeSchedule(p.schedule, t) : null,
        scheduleNote: text(p.scheduleNote, p.fieldLang.scheduleNote),
        dates: p.nextDates.slice(0, FLYER_DATES).map((d) => ({ ...d, cancelled: false })),
        where: {
          name: null,
          address: p.address,
          access: text(p.access, p.fieldLang.access),
          area: areaName(taxonomy, p.areaSlug),
          areaOnly: p.showAreaOnly,
          online: false,
        },
        audiences: audiencesOf(p.audienceSlugs, taxonomy, t),
        fee: p.fee,
        feeNote: text(p.feeNote, p.fieldLang.feeNote),
        applyKeys: [p.bookingRequired ? "booking.required" : "flyer.justCome"],
        applyNote: p.bookingRequired ? text(p.bookingNote, p.fieldLang.bookingNote) : null,
        applyBy: null,
        contact: { name: p.contactName, phone: p.contactPhone, email: p.contactEmail },
        organiser: { value: p.group.name, lang: p.group.lang },
      })),
    };
  }
  if (kind === "event") {
    const { t, item: e, taxonomy } = await loadPublicDetail(request, idParam, "event", getPublishedEvent);
    return {
      siteName: t("site.name"),
      ...(await withQr({
        id: e.id,
        kicker: null,
        title: { value: e.title, lang: e.fieldLang.title },
        summary: text(e.summary, e.fieldLang.summary),
        schedule: e.isSeries && e.schedule.rule ? describeSchedule({ ...e.schedule, rule: e.schedule.rule, startTime: "", endTime: "" }, t) : null,
        scheduleNote: null,
        dates: e.dates.slice(0, FLYER_DATES).map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt, cancelled: d.status === "cancelled" })),
        where: {
          name: e.venue ? { value: e.venue.name, lang: e.venue.lang } : null,
          address: e.venue?.address ?? null,
          access: e.venue?.access ? { value: e.venue.access, lang: e.venue.lang } : null,
          area: areaName(taxonomy, e.areaSlug),
          areaOnly: false,
          online: Boolean(e.onlineUrl),
        },
        audiences: audiencesOf(e.audienceSlugs, taxonomy, t),
        fee: e.fee,
        feeNote: text(e.feeNote, e.fieldLang.feeNote),
        applyKeys: [e.registrationRequired ? "flyer.registerFirst" : "flyer.justCome"],
        applyNote: null,
        applyBy: null,
        contact: { name: e.contactName, phone: e.contactPhone, email: e.contactEmail },
        organiser: { value: e.group.name, lang: e.group.lang },
      })),
    };
  }
  const { t, item: o, taxonomy } = await loadPublicDetail(request, idParam, "opening", getPublishedOpening);
  return {
    siteName: t("site.name"),
    ...(await withQr({
      id: o.id,
      kicker: t(`mode.${o.mode}`),
      title: { value: o.title, lang: o.fieldLang.title },
      summary: text(o.summary, o.fieldLang.summary),
      schedule: o.ongoing ? t("opening.ongoingText") : null,
      scheduleNote: null,
      dates: o.shifts.filter((s) => s.endsAt !== null).slice(0, FLYER_DATES).map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, cancelled: s.status === "cancelled" })),
      where: {
        name: o.venue ? { value: o.venue.name, lang: o.venue.lang } : null,
        address: o.venue?.address ?? null,
        access: null,
        area: areaName(taxonomy, o.areaSlug),
        areaOnly: false,
        online: o.mode === "online",
      },
      audiences: audiencesOf(o.audienceSlugs, taxonomy, t),
      fee: null,
      feeNote: null,
      applyKeys: [o.needsApproval ? "opening.needsApproval" : "opening.firstCome"],
      applyNote: null,
      applyBy: o.applyBy,
      contact: { name: o.contactName, phone: o.contactPhone, email: o.contactEmail },
      organiser: { value: o.group.name, lang: o.group.lang },
    })),
  };
}

/** What each flyer route's loader answers: the flyer, and its page title and description. */
export async function flyerPageData(request: Request, kind: PublicKind, idParam: string | undefined) {
  const flyer = await loadFlyer(request, kind, idParam);
  // With furigana on, the flyer carries them too (a printed sheet for a child or a reader of やさしい日本語).
  return withReadings(request, { flyer, meta: { title: flyer.title.value, description: flyer.summary?.value ?? "", siteName: flyer.siteName } });
}
