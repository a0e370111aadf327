import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/utils/env.server";

// Seals the secrets of a queued email (codes, reset and invitation links) with AES-256-GCM under a key that never
// lives in the database: OUTBOX_SECRET_KEY (base64, 32 bytes) when set, otherwise a key file generated on first use
// in DATA_DIR. A copy of the database alone then holds no working credential (ADR 008).

const KEY_FILE = "outbox-secret.key";
const VERSION = "v1";

let cachedKey: Buffer | undefined;

function keyFromEnv(): Buffer | undefined {
  // Its length is checked at start-up (env.server.ts).
  const value = getEnv().OUTBOX_SECRET_KEY;
  return value ? Buffer.from(value, "base64") : undefined;
}

function keyFromFile(): Buffer {
  const dir = path.resolve(getEnv().DATA_DIR);
  const file = path.join(dir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Written under another name, then linked into place: two processes starting together agree on one key.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

function outboxKey(): Buffer {
  cachedKey ??= keyFromEnv() ?? keyFromFile();
  return cachedKey;
}

/** Reads the key, generating the key file on first start: the cluster's primary calls it once before it forks. */
export function ensureOutboxKey(): void {
  outboxKey();
}

/**
 * A key for one purpose (such as signing the links in an email), derived from the outbox key with HKDF: no second
 * secret to configure, and a key used to sign one kind of link can neither open sealed mail nor sign another kind.
 */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", outboxKey(), Buffer.alloc(0), `tsunagu/${purpose}`, 32));
}

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", outboxKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The sealed text, or null when it cannot be opened (another key, or tampered with). */
export function unseal(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", outboxKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
