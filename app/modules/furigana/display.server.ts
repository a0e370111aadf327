import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { getLocale, type LocaleRequest } from "~/modules/i18n/i18next.server";
import { getSessionUser } from "~/modules/auth/session.server";
import { DEFAULT_DISPLAY, FURIGANA_CHOICES, TEXT_SIZES, furiganaShown, type DisplayChoice } from "./display";

export const displayCookie = createCookie("display", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const CookieSchema = z.object({
  furigana: z.enum(FURIGANA_CHOICES).nullable().catch(null),
  textSize: z.enum(TEXT_SIZES).catch("normal"),
  highContrast: z.boolean().catch(false),
});

/** This device's choice, or null when it has none (a malformed cookie counts as none). */
export async function displayFromCookie(request: LocaleRequest): Promise<DisplayChoice | null> {
  const raw: unknown = await displayCookie.parse(request.headers.get("Cookie"));
  // Most visitors never chose: no cookie, nothing to check (the schema's error for null is not free on every page).
  if (raw == null) return null;
  const parsed = CookieSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function profileDisplay(profile: { furigana: string; textSize: string; highContrast: boolean }): DisplayChoice {
  return CookieSchema.parse({ furigana: profile.furigana || null, textSize: profile.textSize, highContrast: profile.highContrast });
}

/** The choice in effect: this device's cookie wins; without one, a signed-in person's profile; else the defaults. */
export async function getDisplayChoice(request: Request, userId?: number | null): Promise<DisplayChoice> {
  const fromCookie = await displayFromCookie(request);
  if (fromCookie) return fromCookie;
  const id = userId === undefined ? ((await getSessionUser(request))?.user.id ?? null) : userId;
  if (id === null) return DEFAULT_DISPLAY;
  // Every signed-in page asks (root loader): a plain query, not the ORM's (~1 ms of query building).
  const [profile] = await prisma.$queryRaw<{ furigana: string; textSize: string; highContrast: boolean | number }[]>`
    SELECT "furigana", "textSize", "highContrast" FROM "Profile" WHERE "userId" = ${id}`;
  return profile ? profileDisplay({ ...profile, highContrast: Boolean(profile.highContrast) }) : DEFAULT_DISPLAY;
}

/** Whether this request's page shows furigana (its language and the reader's choice). */
export async function furiganaWanted(request: Request): Promise<boolean> {
  const locale = await getLocale(request);
  if (locale !== "ja" && locale !== "ja-x-easy") return false;
  return furiganaShown(await getDisplayChoice(request), locale);
}

export function serializeDisplay(choice: DisplayChoice): Promise<string> {
  return displayCookie.serialize(choice);
}

/** Saves a signed-in person's choice on their profile, so another device they sign in on starts with it. */
export async function saveDisplayOnProfile(userId: number, choice: DisplayChoice) {
  const values = { furigana: choice.furigana ?? "", textSize: choice.textSize, highContrast: choice.highContrast };
  await prisma.profile.upsert({ where: { userId }, update: values, create: { userId, ...values } });
}

/**
 * What distinguishes one anonymous copy of a page from another (server/page-cache.js keys on it): the language
 * and the display choice, which changes the HTML (furigana, and the size and contrast attributes on <html>).
 */
export async function pageVariant(request: LocaleRequest): Promise<string> {
  const locale = await getLocale(request);
  const choice = (await displayFromCookie(request)) ?? DEFAULT_DISPLAY;
  return [locale, furiganaShown(choice, locale) ? "ruby" : "plain", choice.textSize, choice.highContrast ? "high" : "normal"].join("|");
}
