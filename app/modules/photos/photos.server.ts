import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { invalidatePublicCache } from "~/utils/cache.server";
import { TEXT_ERRORS, cleanText, codePointLength } from "~/utils/text";
import { publicWhere } from "~/modules/publishing/visibility";

// Photos of a group's 居場所 (SECURITY.md row 35). An upload is only ever trusted after it has been decoded and
// re-encoded here: the client's type and file name are ignored, the first bytes must be JPEG/PNG/WebP, the
// decoder refuses pixel bombs, and the stored file is a fresh WebP (no EXIF/GPS) under a random name.

export const PHOTO_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxPerPlace: 10,
  /** A 30,000×30,000 "pixel bomb" (900 million pixels) is refused before it is decoded. */
  maxInputPixels: 40_000_000,
  maxEdge: 1600,
  quality: 80,
  altMax: 120,
} as const;

export const PHOTO_ENTITY = "place";
export const PHOTO_NAME = /^[0-9a-f]{32}\.webp$/;

export type PhotoError =
  | "photos.errors.fileRequired"
  | "photos.errors.tooLarge"
  | "photos.errors.unsupportedType"
  | "photos.errors.tooMany"
  | "photos.errors.altRequired"
  | "photos.errors.altTooLong"
  | typeof TEXT_ERRORS.control
  | "photos.errors.unreadable";

/** HTTP-ish status for each refusal (413 too large, 415 wrong type, 422 for the rest). */
export const PHOTO_ERROR_STATUS: Record<PhotoError, number> = {
  "photos.errors.fileRequired": 422,
  "photos.errors.tooLarge": 413,
  "photos.errors.unsupportedType": 415,
  "photos.errors.tooMany": 422,
  "photos.errors.altRequired": 422,
  "photos.errors.altTooLong": 422,
  [TEXT_ERRORS.control]: 422,
  "photos.errors.unreadable": 422,
};

export type SaveResult =
  | { ok: true; id: number; fileName: string; width: number; height: number }
  | { ok: false; notFound: true }
  | { ok: false; notFound?: false; error: PhotoError };

export function photosDir() {
  return path.resolve(getEnv().DATA_DIR, "photos");
}

/** Only names this module created can ever be turned into a path: no traversal is possible. */
function photoPath(fileName: string) {
  if (!PHOTO_NAME.test(fileName)) throw new Error("invalid photo file name");
  return path.join(photosDir(), fileName);
}

/** JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP "RIFF" .... "WEBP". */
export function sniffImageType(
  bytes: Uint8Array
): "jpeg" | "png" | "webp" | null {
  const at = (i: number, values: number[]) =>
    values.every((v, j) => bytes[i + j] === v);
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return "jpeg";
  if (
    bytes.length >= 8 &&
    at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  )
    return "png";
  if (
    bytes.length >= 12 &&
    at(0, [0x52, 0x49, 0x46, 0x46]) &&
    at(8, [0x57, 0x45, 0x42, 0x50])
  )
    return "webp";
  return null;
}

/**
 * The shared text rules (~/utils/text): one line, invisible-only is blank, control characters refused. Any run of
 * whitespace (ideographic spaces too) becomes one space, since alt text is read aloud, not laid out.
 */
export function cleanAlt(
  raw: unknown
): { ok: true; alt: string } | { ok: false; error: PhotoError } {
  let alt = cleanText(typeof raw === "string" ? raw : "");
  if (alt === null) return { ok: false, error: TEXT_ERRORS.control };
  alt = alt.replace(/\s+/g, " ");
  if (!alt) return { ok: false, error: "photos.errors.altRequired" };
  if (codePointLength(alt) > PHOTO_LIMITS.altMax)
    return { ok: false, error: "photos.errors.altTooLong" };
  return { ok: true, alt };
}

async function placeOfGroup(groupId: number, placeId: number) {
  return prisma.place.findFirst({
    where: { id: placeId, groupId },
    select: { id: true },
  });
}

const isPixelLimit = (error: unknown) =>
  error instanceof Error && /pixel limit/i.test(error.message);

/** Decodes (pixel limit on), applies the EXIF orientation, shrinks to 1600 px, re-encodes to WebP without metadata. */
async function reencode(input: Buffer, sniffed: "jpeg" | "png" | "webp") {
  const options = {
    limitInputPixels: PHOTO_LIMITS.maxInputPixels,
    failOn: "error" as const,
  };
  let meta: sharp.Metadata;
  try {
    // Reads the header only: a huge declared size is refused before any pixel is decoded.
    meta = await sharp(input, options).metadata();
  } catch (error) {
    return {
      ok: false as const,
      error: isPixelLimit(error)
        ? ("photos.errors.tooLarge" as const)
        : ("photos.errors.unreadable" as const),
    };
  }
  if (meta.format !== sniffed)
    return {
      ok: false as const,
      error: "photos.errors.unsupportedType" as const,
    };
  if (!meta.width || !meta.height)
    return { ok: false as const, error: "photos.errors.unreadable" as const };
  if (meta.width * meta.height > PHOTO_LIMITS.maxInputPixels)
    return { ok: false as const, error: "photos.errors.tooLarge" as const };
  try {
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize({
        width: PHOTO_LIMITS.maxEdge,
        height: PHOTO_LIMITS.maxEdge,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: PHOTO_LIMITS.quality })
      .toBuffer({ resolveWithObject: true });
    return { ok: true as const, data, width: info.width, height: info.height };
  } catch (error) {
    if (isPixelLimit(error))
      return { ok: false as const, error: "photos.errors.tooLarge" as const };
    return { ok: false as const, error: "photos.errors.unreadable" as const };
  }
}

export async function savePlacePhoto({
  groupId,
  placeId,
  file,
  alt,
}: {
  groupId: number;
  placeId: number;
  file: File | null | undefined;
  alt: unknown;
}): Promise<SaveResult> {
  if (!(await placeOfGroup(groupId, placeId)))
    return { ok: false, notFound: true };
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, error: "photos.errors.fileRequired" };
  if (file.size > PHOTO_LIMITS.maxBytes)
    return { ok: false, error: "photos.errors.tooLarge" };
  const cleaned = cleanAlt(alt);
  if (!cleaned.ok) return cleaned;
  const where = { entityType: PHOTO_ENTITY, entityId: placeId };
  if ((await prisma.photo.count({ where })) >= PHOTO_LIMITS.maxPerPlace)
    return { ok: false, error: "photos.errors.tooMany" };

  const input = Buffer.from(await file.arrayBuffer());
  const sniffed = sniffImageType(input);
  if (!sniffed) return { ok: false, error: "photos.errors.unsupportedType" };
  const encoded = await reencode(input, sniffed);
  if (!encoded.ok) return encoded;

  const fileName = `${crypto.randomBytes(16).toString("hex")}.webp`;
  await fs.mkdir(photosDir(), { recursive: true });
  await fs.writeFile(photoPath(fileName), encoded.data, { flag: "wx" });
  let id: number;
  try {
    const last = await prisma.photo.findFirst({
      where,
      orderBy: { sortOrder: "desc" },
      select: { sortOrder: true },
    });
    const row = await prisma.photo.create({
      data: {
        ...where,
        fileName,
        width: encoded.width,
        height: encoded.height,
        alt: cleaned.alt,
        sortOrder: (last?.sortOrder ?? -1) + 1,
      },
      select: { id: true },
    });
    id = row.id;
  } catch (error) {
    await fs.rm(photoPath(fileName), { force: true });
    throw error;
  }
  // Two uploads at once could both pass the count above: the later one gives way.
  if ((await prisma.photo.count({ where })) > PHOTO_LIMITS.maxPerPlace) {
    await prisma.photo.delete({ where: { id } });
    await fs.rm(photoPath(fileName), { force: true });
    return { ok: false, error: "photos.errors.tooMany" };
  }
  invalidatePublicCache();
  return {
    ok: true,
    id,
    fileName,
    width: encoded.width,
    height: encoded.height,
  };
}

/** Deletes one photo of the group's place; false when the place is not the group's or the photo not the place's. */
export async function deletePlacePhoto({
  groupId,
  placeId,
  photoId,
}: {
  groupId: number;
  placeId: number;
  photoId: number;
}): Promise<boolean> {
  if (!(await placeOfGroup(groupId, placeId))) return false;
  const photo = await prisma.photo.findFirst({
    where: { id: photoId, entityType: PHOTO_ENTITY, entityId: placeId },
    select: { id: true, fileName: true },
  });
  if (!photo) return false;
  await prisma.photo.delete({ where: { id: photo.id } });
  if (PHOTO_NAME.test(photo.fileName))
    await fs.rm(photoPath(photo.fileName), { force: true });
  invalidatePublicCache();
  return true;
}

/** The photos of a place in display order. Callers check who may see the place first. */
export async function listPlacePhotos(placeId: number) {
  return prisma.photo.findMany({
    where: { entityType: PHOTO_ENTITY, entityId: placeId },
    select: { id: true, fileName: true, width: true, height: true, alt: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
}

/** The bytes of a public photo: a well-formed name, a known photo and its place public; else null. */
export async function readPublicPhoto(
  fileName: string
): Promise<Buffer | null> {
  if (!PHOTO_NAME.test(fileName)) return null;
  const photo = await prisma.photo.findUnique({
    where: { fileName },
    select: { entityType: true, entityId: true },
  });
  if (!photo || photo.entityType !== PHOTO_ENTITY) return null;
  const place = await prisma.place.findFirst({
    where: { id: photo.entityId, ...publicWhere("place") },
    select: { id: true },
  });
  if (!place) return null;
  try {
    return await fs.readFile(photoPath(fileName));
  } catch {
    return null;
  }
}

/**
 * A small inline preview for the organiser's own page. Photos of a draft place are not served by /photos/…
 * (public, cached), so members see their photos as data: URLs instead (img-src allows data:).
 */
export async function thumbnailDataUrl(
  fileName: string,
  edge = 192
): Promise<string | null> {
  try {
    const input = await fs.readFile(photoPath(fileName));
    const out = await sharp(input, {
      limitInputPixels: PHOTO_LIMITS.maxInputPixels,
    })
      .resize({
        width: edge,
        height: edge,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 70 })
      .toBuffer();
    return `data:image/webp;base64,${out.toString("base64")}`;
  } catch {
    return null;
  }
}
