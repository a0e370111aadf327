import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { interfaceWords } from "~/modules/i18n/i18next.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { getPublishedPlace } from "~/modules/places/queries.server";
import {
  PHOTO_LIMITS,
  savePlacePhoto,
  sniffImageType,
} from "~/modules/photos/photos.server";
import * as photosPage from "~/routes/manage.groups.$groupId.places.$placeId_.photos";
import * as servePhoto from "~/routes/photos.$fileName";
import { createResident, createSession } from "../support/factories";

// SECURITY.md row 35 and §3 items 23–26: uploads are sniffed by their bytes, decoded with a pixel limit,
// re-encoded to WebP without EXIF/GPS, stored under a random name, and served only for public places.

// Photos go to a throwaway directory, never the real ./data (set before anything reads the environment).
const DATA_DIR = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/tsunagu-photos-${
    process.pid
  }-${Math.random().toString(36).slice(2)}`;
  process.env.DATA_DIR = dir;
  return dir;
});
const PHOTOS = path.join(DATA_DIR, "photos");

const ORIGIN = "http://localhost:3000";
const NAME = /^[0-9a-f]{32}\.webp$/;
let ip = 0;

type Reply = { message: string; tone: string };
type DataResult = {
  type: "DataWithResponseInit";
  data: Reply;
  init: { status?: number } | null;
};

const ja = interfaceWords("ja") as Record<string, unknown>;
const en = interfaceWords("en") as Record<string, unknown>;
const lookup = (tree: Record<string, unknown>, key: string) =>
  key
    .split(".")
    .reduce<unknown>(
      (node, k) => (node as Record<string, unknown> | undefined)?.[k],
      tree
    );

function headersFor(cookie?: string) {
  ip += 1;
  const headers = new Headers({
    [CLIENT_IP_HEADER]: `10.88.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
  });
  if (cookie) headers.set("Cookie", cookie);
  return headers;
}

/** POSTs multipart form data to the photos action; thrown Responses (404, redirects) come back as `status`. */
async function upload(
  groupId: number,
  placeId: number,
  file: File | null,
  alt: string,
  cookie?: string
) {
  const body = new FormData();
  if (file) body.append("photo", file);
  body.append("alt", alt);
  return callAction(
    groupId,
    placeId,
    new Request(`${ORIGIN}/manage/groups/${groupId}/places/${placeId}/photos`, {
      method: "POST",
      headers: headersFor(cookie),
      body,
    })
  );
}

async function remove(
  groupId: number,
  placeId: number,
  photoId: number,
  cookie?: string
) {
  const headers = headersFor(cookie);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  const body = new URLSearchParams({
    intent: "delete",
    photoId: String(photoId),
  });
  return callAction(
    groupId,
    placeId,
    new Request(`${ORIGIN}/manage/groups/${groupId}/places/${placeId}/photos`, {
      method: "POST",
      headers,
      body,
    })
  );
}

async function callAction(
  groupId: number,
  placeId: number,
  request: Request
): Promise<{ status: number; message?: string }> {
  const args = {
    request,
    params: { groupId: String(groupId), placeId: String(placeId) },
    context: {},
  } as ActionFunctionArgs;
  try {
    const out = (await photosPage.action(args)) as unknown as
      | DataResult
      | Response;
    if (out instanceof Response) return { status: out.status };
    return { status: out.init?.status ?? 200, message: out.data.message };
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    throw error;
  }
}

async function serve(fileName: string) {
  const args = {
    request: new Request(`${ORIGIN}/photos/${fileName}`),
    params: { fileName },
    context: {},
  } as LoaderFunctionArgs;
  try {
    return (await servePhoto.loader(args)) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

const storedFiles = () =>
  fs.existsSync(PHOTOS) ? fs.readdirSync(PHOTOS).sort() : [];
const photoRows = (placeId: number) =>
  prisma.photo.findMany({
    where: { entityType: "place", entityId: placeId },
    orderBy: { id: "asc" },
  });

// ── fixtures, made here with sharp (nothing binary is checked in) ──

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A valid PNG header declaring 30,000 × 30,000 pixels (900 million): a decompression bomb, made in a few bytes. */
function pixelBombPng() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const GPS = {
  GPSLatitudeRef: "N",
  GPSLatitude: "35/1 57/1 30/1",
  GPSLongitudeRef: "E",
  GPSLongitude: "139/1 23/1 0/1",
};
const solid = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 200, g: 80, b: 40 },
    },
  });

type Fixture =
  | "gpsJpeg"
  | "png"
  | "webp"
  | "gif"
  | "html"
  | "svg"
  | "pngPolyglot"
  | "empty"
  | "big"
  | "bomb";
let fx: Record<Fixture, Buffer>;
let ownerA = "";
let ownerB = "";
let resident = "";
let published = 0; // a published place of group 1 (approved)
let draft = 0; // an unpublished place of group 1
let spare = 0; // another place of group 1, filled to the limit

beforeAll(async () => {
  fx = {
    // 2400×1200, EXIF orientation 6 (stored sideways) and a GPS position.
    gpsJpeg: await solid(2400, 1200)
      .jpeg()
      .withExif({ IFD0: { Copyright: "secret-camera-owner" }, IFD3: GPS })
      .withMetadata({ orientation: 6 })
      .toBuffer(),
    png: await solid(300, 200).png().toBuffer(),
    webp: await solid(120, 90).webp().toBuffer(),
    gif: await solid(40, 40).gif().toBuffer(),
    html: Buffer.from(
      "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    ),
    svg: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    ),
    pngPolyglot: Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("<html><script>alert(1)</script></html>"),
    ]),
    empty: Buffer.alloc(0),
    big: Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(6 * 1024 * 1024),
    ]),
    bomb: pixelBombPng(),
  };
  const input = await sharp(fx.gpsJpeg).metadata();
  expect(input.exif, "the fixture really carries EXIF").toBeDefined();
  expect(input.exif!.includes(Buffer.from("secret-camera-owner"))).toBe(true);

  const a = await prisma.user.findUniqueOrThrow({
    where: { email: "owner@example.jp" },
    select: { id: true },
  });
  const b = await prisma.user.findUniqueOrThrow({
    where: { email: "owner2@example.jp" },
    select: { id: true },
  });
  ownerA = await createSession(a);
  ownerB = await createSession(b);
  resident = await createSession(await createResident());
  expect(
    (
      await prisma.group.findUniqueOrThrow({
        where: { id: 1 },
        select: { status: true },
      })
    ).status
  ).toBe("approved");
  const places = await prisma.place.findMany({
    where: { groupId: 1 },
    select: { id: true, status: true },
    orderBy: { id: "asc" },
  });
  published = places.find((p) => p.status === "published")!.id;
  const others = places.filter((p) => p.id !== published);
  expect(others.length).toBeGreaterThanOrEqual(2);
  draft = others[0]!.id;
  spare = others[1]!.id;
  await prisma.place.update({
    where: { id: draft },
    data: { status: "draft" },
  });
});

const file = (name: string, bytes: Buffer, type: string) =>
  new File([new Uint8Array(bytes)], name, { type });

describe("accepted uploads", () => {
  it("a JPEG with EXIF GPS is stored as a rotated, shrunk WebP without metadata, under a random name", async () => {
    const before = storedFiles();
    const out = await upload(
      1,
      published,
      file("../../etc/passwd.jpg", fx.gpsJpeg, "image/jpeg"),
      "  公民館の和室で\u3000お茶を飲む様子 \n",
      ownerA
    );
    expect(out).toEqual({ status: 200, message: "photos.saved" });
    const [row] = await photoRows(published);
    expect(row).toMatchObject({
      alt: "公民館の和室で お茶を飲む様子",
      width: 800,
      height: 1600,
    });
    expect(row!.fileName).toMatch(NAME);
    expect(storedFiles()).toEqual([...before, row!.fileName].sort());

    const stored = fs.readFileSync(path.join(PHOTOS, row!.fileName));
    expect(sniffImageType(stored)).toBe("webp");
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 800, height: 1600 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from("secret-camera-owner"))).toBe(false);
    // The client's name is used nowhere: not in the database, not on disk.
    const everything = JSON.stringify(await prisma.photo.findMany());
    expect(everything).not.toContain("passwd");
    expect(fs.existsSync(path.join(DATA_DIR, "etc"))).toBe(false);
    expect(fs.readdirSync(DATA_DIR)).toEqual(["photos"]);
  });

  it("PNG, WebP and a file named 写真.jpg are accepted; the public page shows them with their alt text", async () => {
    expect(
      await upload(
        1,
        published,
        file("photo.png", fx.png, "image/png"),
        "テーブルと椅子",
        ownerA
      )
    ).toEqual({ status: 200, message: "photos.saved" });
    expect(
      (
        await upload(
          1,
          published,
          file("x.webp", fx.webp, "application/octet-stream"),
          "entrance",
          ownerA
        )
      ).message
    ).toBe("photos.saved");
    // A correct JPEG whatever the client claims its type is.
    expect(
      (
        await upload(
          1,
          published,
          file("写真.jpg", await solid(64, 64).jpeg().toBuffer(), "text/html"),
          "入口の看板",
          ownerA
        )
      ).message
    ).toBe("photos.saved");
  });
});

describe("rejected uploads store nothing and say why, in both languages", () => {
  const cases: [string, () => File | null, string, number][] = [
    [
      "an HTML file renamed .png",
      () => file("evil.png", fx.html, "image/png"),
      "photos.errors.unsupportedType",
      415,
    ],
    [
      "an SVG with <script>",
      () => file("x.png", fx.svg, "image/png"),
      "photos.errors.unsupportedType",
      415,
    ],
    [
      "a GIF",
      () => file("anim.gif", fx.gif, "image/gif"),
      "photos.errors.unsupportedType",
      415,
    ],
    [
      "PNG magic bytes followed by HTML",
      () => file("poly.png", fx.pngPolyglot, "image/png"),
      "photos.errors.unreadable",
      422,
    ],
    [
      "a 0-byte file",
      () => file("empty.jpg", fx.empty, "image/jpeg"),
      "photos.errors.fileRequired",
      422,
    ],
    ["no file at all", () => null, "photos.errors.fileRequired", 422],
    [
      "a 6 MB file (multipart part limit)",
      () => file("big.jpg", fx.big, "image/jpeg"),
      "photos.errors.tooLarge",
      413,
    ],
    [
      "a 30,000 × 30,000 pixel bomb",
      () => file("bomb.png", fx.bomb, "image/png"),
      "photos.errors.tooLarge",
      413,
    ],
  ];
  for (const [label, make, key, status] of cases) {
    it(label, async () => {
      const before = storedFiles();
      const rows = await prisma.photo.count();
      expect(await upload(1, spare, make(), "説明", ownerA)).toEqual({
        status,
        message: key,
      });
      expect(storedFiles()).toEqual(before);
      expect(await prisma.photo.count()).toBe(rows);
      expect(lookup(ja, key)).toEqual(expect.any(String));
      expect(lookup(en, key)).toEqual(expect.any(String));
    });
  }

  it("alt text is required and at most 120 characters", async () => {
    const png = () => file("a.png", fx.png, "image/png");
    expect(await upload(1, spare, png(), " \n ", ownerA)).toEqual({
      status: 422,
      message: "photos.errors.altRequired",
    });
    expect(await upload(1, spare, png(), "あ".repeat(121), ownerA)).toEqual({
      status: 422,
      message: "photos.errors.altTooLong",
    });
    expect(await photoRows(spare)).toEqual([]);
  });

  it("alt text follows the rules of every other text field: invisible-only is blank, control characters are refused", async () => {
    const png = () => file("a.png", fx.png, "image/png");
    for (const blank of ["\u2060", "\u200b\ufeff", "\u3164"]) {
      expect(await upload(1, spare, png(), blank, ownerA), JSON.stringify(blank)).toEqual({ status: 422, message: "photos.errors.altRequired" });
    }
    expect(await upload(1, spare, png(), "公民館\u0000の和室", ownerA)).toEqual({ status: 422, message: "errors.invalidCharacters" });
    expect(await photoRows(spare)).toEqual([]);
  });

  it("the service refuses a file over 5 MB even when it arrives some other way", async () => {
    const out = await savePlacePhoto({
      groupId: 1,
      placeId: spare,
      file: file("big.jpg", fx.big, "image/jpeg"),
      alt: "x",
    });
    expect(out).toEqual({ ok: false, error: "photos.errors.tooLarge" });
    expect(PHOTO_LIMITS.maxBytes).toBe(5 * 1024 * 1024);
  });

  it("at most 10 photos per place", async () => {
    for (let i = 0; i < 10; i++)
      expect(
        (
          await upload(
            1,
            spare,
            file(`p${i}.png`, fx.png, "image/png"),
            `写真${i}`,
            ownerA
          )
        ).message
      ).toBe("photos.saved");
    const before = storedFiles();
    expect(
      await upload(
        1,
        spare,
        file("p11.png", fx.png, "image/png"),
        "11枚目",
        ownerA
      )
    ).toEqual({ status: 422, message: "photos.errors.tooMany" });
    expect(await photoRows(spare)).toHaveLength(10);
    expect(storedFiles()).toEqual(before);
  });
});

describe("who may upload and delete", () => {
  it("another group's member and a resident get 404 and nothing changes", async () => {
    const before = storedFiles();
    const rows = await prisma.photo.count();
    const [target] = await photoRows(published);
    for (const cookie of [ownerB, resident]) {
      expect(
        (
          await upload(
            1,
            published,
            file("x.png", fx.png, "image/png"),
            "x",
            cookie
          )
        ).status
      ).toBe(404);
      expect((await remove(1, published, target!.id, cookie)).status).toBe(404);
    }
    // Group 2's owner naming their own group with group 1's place: still not found.
    expect(
      (
        await upload(
          2,
          published,
          file("x.png", fx.png, "image/png"),
          "x",
          ownerB
        )
      ).status
    ).toBe(404);
    expect((await remove(2, published, target!.id, ownerB)).status).toBe(404);
    // Signed out: sent to log in.
    expect(
      (await upload(1, published, file("x.png", fx.png, "image/png"), "x"))
        .status
    ).toBe(302);
    expect(storedFiles()).toEqual(before);
    expect(await prisma.photo.count()).toBe(rows);
  });

  it("a member deletes a photo: the row and the file are gone; a photo of another place is not found", async () => {
    const rows = await photoRows(spare);
    const victim = rows[0]!;
    const [ofPublished] = await photoRows(published);
    expect(await remove(1, spare, ofPublished!.id, ownerA)).toEqual({
      status: 404,
      message: "photos.errors.notFound",
    });
    expect(await remove(1, spare, victim.id, ownerA)).toEqual({
      status: 200,
      message: "photos.deleted",
    });
    expect(await photoRows(spare)).toHaveLength(9);
    expect(fs.existsSync(path.join(PHOTOS, victim.fileName))).toBe(false);
    expect(fs.existsSync(path.join(PHOTOS, ofPublished!.fileName))).toBe(true);
  });

  it("the members' page lists the photos with alt text and inline previews", async () => {
    const args = {
      request: new Request(`${ORIGIN}/manage/groups/1/places/${draft}/photos`, {
        headers: headersFor(ownerA),
      }),
      params: { groupId: "1", placeId: String(draft) },
      context: {},
    };
    expect(
      (
        await upload(
          1,
          draft,
          file("d.png", fx.png, "image/png"),
          "下書きの写真",
          ownerA
        )
      ).message
    ).toBe("photos.saved");
    const data = (await photosPage.loader(args)) as {
      photos: { alt: string; src: string | null }[];
    };
    expect(data.photos).toEqual([
      expect.objectContaining({
        alt: "下書きの写真",
        src: expect.stringMatching(/^data:image\/webp;base64,/),
      }),
    ]);
  });
});

describe("serving /photos/:fileName", () => {
  it("serves a published place's photo as WebP with nosniff and a day's public caching", async () => {
    const [row] = await photoRows(published);
    const res = await serve(row!.fileName);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const body = Buffer.from(await res.arrayBuffer());
    expect((await sharp(body).metadata()).exif).toBeUndefined();

    const place = await getPublishedPlace(published, "ja");
    expect(place!.photos[0]).toMatchObject({
      src: `/photos/${row!.fileName}`,
      alt: row!.alt,
    });
    expect(place!.photos).toHaveLength(4);
  });

  it("refuses traversal, malformed and unknown names, and photos of places that are not public", async () => {
    const [ofDraft] = await photoRows(draft);
    const bad = [
      "../x",
      "%2e%2e",
      "..%2f..%2fetc%2fpasswd",
      "../../etc/passwd",
      "..\\..\\x.webp",
      `${"0".repeat(32)}.webp`,
      `${"A".repeat(32)}.webp`,
      `${"a".repeat(32)}.png`,
      `${"a".repeat(32)}.webp/`,
      "",
      ofDraft!.fileName,
    ];
    for (const name of bad) expect((await serve(name)).status, name).toBe(404);

    // Unpublishing a place (or suspending its group) takes its photos down at once.
    const [row] = await photoRows(published);
    await prisma.place.update({
      where: { id: published },
      data: { status: "archived" },
    });
    expect((await serve(row!.fileName)).status).toBe(404);
    await prisma.place.update({
      where: { id: published },
      data: { status: "published" },
    });
    await prisma.group.update({
      where: { id: 1 },
      data: { status: "suspended" },
    });
    expect((await serve(row!.fileName)).status).toBe(404);
    await prisma.group.update({
      where: { id: 1 },
      data: { status: "approved" },
    });
    expect((await serve(row!.fileName)).status).toBe(200);
  });
});

// Leave no temporary files behind.
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));
