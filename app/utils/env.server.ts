import os from "node:os";
import { isJapanese } from "~/modules/i18n/config";
import { z } from "zod";
import { databaseFile, deploymentMode } from "../../server/deployment.js";

// One validated view of the environment; everything else reads config from here (server.mjs too, through the build).
// Plain scripts that run before any build (scripts/start.mjs, the seed) share server/deployment.js with this file.

/** A whole number in [min, max]; a typo such as "5s" stops the start instead of becoming NaN or 0. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ invalid_type_error: "is not a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** An http(s) address; other schemes would only fail later, at the first link or request. */
const httpUrl = z
  .string()
  .url("is not a URL")
  .refine((value) => !URL.canParse(value) || /^https?:$/.test(new URL(value).protocol), "must start with http:// or https://");

/** Unset and empty mean the same for optional settings (container env files often carry empty lines). */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const OUTBOX_KEY_BYTES = 32;
/** Values never repeated in a start-up error. */
const SECRETS = new Set(["RESEND_API_KEY", "OUTBOX_SECRET_KEY"]);
const DEFAULT_SENDER_ADDRESS = "noreply@tsunagu.example.jp";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: wholeNumber(1, 65535, 3000),
  /// The address to bind. Anything but loopback makes the portal reachable by others (see server/deployment.js).
  HOST: z.string().default("127.0.0.1"),
  /// Public origin used for links in emails and for the CSRF Origin check; never taken from request headers.
  APP_ORIGIN: optional(httpUrl),
  DATA_DIR: z.string().default("./data"),
  DATABASE_PATH: z.string().optional(),
  /// postgresql://user:password@host:port/database runs the portal on PostgreSQL instead of the SQLite file
  /// (docs/decisions/022-postgresql.md). Unset = SQLite at DATABASE_PATH.
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/./, "must be a postgresql:// URL")),
  /// What an empty database is filled with: demo (sample content and demo people), base (areas and lists only), 0.
  SEED: z.string().optional(),
  /// Server processes sharing the port and the SQLite file (one per core is the production default; 1 = a single
  /// process, no cluster). See server.mjs and docs/decisions/010-one-process-per-core.md.
  /// Server processes (one per core in production); 1 = a single process, no cluster.
  WEB_CONCURRENCY: optional(wholeNumber(1, 64, 1).removeDefault()),
  /// "1" when exactly one reverse proxy stands in front: client addresses then come from its X-Forwarded-For.
  TRUST_PROXY: z.enum(["", "0", "1"]).default(""),
  /// One JSON line per request on stdout (request id, route, status, latency, user id; no personal data): "1" on,
  /// "0" off; unset = on in production, off otherwise (server/access-log.js).
  REQUEST_LOG: z.enum(["", "0", "1"]).default(""),
  /// How long anonymous public pages and query results are reused. A write clears the query results at once and
  /// marks the pages stale (the next visitor of each renders it anew; see server/page-cache.js). 0 = off.
  PUBLIC_CACHE_TTL_MS: wholeNumber(0, 3_600_000, 30_000),
  /// How long an anonymous visitor's copy of a public page is kept at most when no write changes it, in ms: what it
  /// bounds is time passing (a date goes by). Writes mark the pages they change stale at once, and no copy outlives
  /// midnight in Tokyo (server/page-cache.js). PUBLIC_CACHE_TTL_MS=0 turns the page cache off too.
  PAGE_CACHE_TTL_MS: wholeNumber(1_000, 86_400_000, 300_000),
  /// How long a cached list, search or home page may still be shown after a write changed it, in ms: each is then
  /// rendered at most once per this period however busy the portal (server/page-cache.js). 0 = never after a write.
  PAGE_CACHE_GRACE_MS: wholeNumber(0, 60_000, 2_000),
  /// The page cache's memory budget per server process, in MiB (HTML and its gzipped copy counted).
  PAGE_CACHE_MAX_MB: wholeNumber(1, 4096, 32),
  /// Name shown on certificates and in the footer.
  COUNCIL_NAME: z.string().default("鶴ヶ島市社会福祉協議会"),
  COUNCIL_NAME_EN: z.string().default("Tsurugashima Social Welfare Council"),
  /// The council's counter, shown in the footer of every page and beside every "how to apply" for people who would
  /// rather phone. Public information only: the centre's own number, address and opening hours.
  COUNCIL_PHONE: z
    .string()
    .regex(/^[0-9０-９+()\- ]{6,20}$/, "must be a phone number (digits, hyphens)")
    .default("049-271-1111"),
  COUNCIL_ADDRESS: z.string().default("〒350-2211 埼玉県鶴ヶ島市脚折町六丁目 福祉センター内"),
  COUNCIL_HOURS: z.string().default("月〜金 8:30〜17:15（土日祝・年末年始は休み）"),
  COUNCIL_HOURS_EN: z.string().default("Mon–Fri 8:30–17:15 (closed weekends, public holidays and over New Year)"),
  CITY_NAME: z.string().default("鶴ヶ島市"),
  /// Prefecture of the city, for full addresses in open data.
  PREFECTURE_NAME: z.string().default("埼玉県"),
  /// 全国地方公共団体コード with its check digit (6 digits), the first column of every open-data file.
  LOCAL_GOVERNMENT_CODE: z.string().regex(/^\d{6}$/, "6 digits (全国地方公共団体コード with check digit)").default("112411"),
  /// Map tiles; default 地理院タイル. Empty disables the map.
  MAP_TILE_URL: z
    .string()
    .default("https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png")
    .refine((template) => template === "" || httpUrl.safeParse(template.replace(/[{}]/g, "")).success, "must be an http(s) URL template or empty"),
  MAP_ATTRIBUTION: z.string().default("地理院タイル"),
  /// Send email through Resend; unset = emails stay in the outbox (readable at /dev/mail locally).
  RESEND_API_KEY: optional(z.string()),
  /// Where the Resend SDK sends; tests and development point it at a local recorder.
  RESEND_BASE_URL: optional(httpUrl),
  /// Sender of every email; default: the council's name at noreply@tsunagu.example.jp.
  EMAIL_FROM: optional(z.string()),
  /// How often queued emails are sent (at most 2 per second whatever this says).
  EMAIL_WORKER_INTERVAL_MS: wholeNumber(100, 3_600_000, 5000),
  /// Key that seals codes and links of queued emails (ADR 008); unset = a key file in DATA_DIR.
  OUTBOX_SECRET_KEY: optional(
    z.string().refine((value) => Buffer.from(value, "base64").length === OUTBOX_KEY_BYTES, `must be ${OUTBOX_KEY_BYTES} bytes, base64-encoded`),
  ),
});

export type Env = z.infer<typeof EnvSchema> & {
  APP_ORIGIN: string;
  EMAIL_FROM: string;
  DATABASE_PATH: string;
  /// Bound to loopback: only this machine can reach the server (demo people and the mail viewer are allowed).
  LOOPBACK: boolean;
  SEED: string;
  WEB_CONCURRENCY: number;
  /// The origin of the map tile server, for the CSP's img-src ("" when the map is off).
  MAP_TILE_ORIGIN: string;
};

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env after the app first read it: the next getEnv() reads it again. */
export function forgetEnv() {
  cached = undefined;
}

/** The configuration a set of variables describes; throws one message naming every invalid variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const value = source[name];
      const shown = value === undefined || SECRETS.has(name) ? name : `${name}=${JSON.stringify(value)}`;
      return `${shown} ${issue.message}`;
    });
    throw new Error(`Invalid environment: ${problems.join("; ")}.`);
  }
  const env = parsed.data;
  const mode = deploymentMode(source);
  if (mode.problems.length) throw new Error(`Refusing to start: ${mode.problems.join(" ")}`);
  return {
    ...env,
    APP_ORIGIN: new URL(env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).origin,
    DATABASE_PATH: databaseFile(source),
    EMAIL_FROM: env.EMAIL_FROM ?? `${env.COUNCIL_NAME} <${DEFAULT_SENDER_ADDRESS}>`,
    LOOPBACK: mode.loopback,
    SEED: mode.seed,
    // availableParallelism() follows the CPU affinity (taskset, container cpusets), not just the core count.
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? (env.NODE_ENV === "production" ? os.availableParallelism() : 1),
    MAP_TILE_ORIGIN: env.MAP_TILE_URL ? new URL(env.MAP_TILE_URL.replace(/[{}]/g, "")).origin : "",
  };
}

/**
 * The council's public contact for the browser (the root loader): name, phone, address and counter hours in the
 * page's language. Nothing else from the environment goes to a page this way.
 */
export function councilContact(locale: string) {
  const env = getEnv();
  // Plain and easy Japanese both read the Japanese name and hours.
  const ja = isJapanese(locale);
  return {
    name: ja ? env.COUNCIL_NAME : env.COUNCIL_NAME_EN,
    phone: env.COUNCIL_PHONE,
    address: env.COUNCIL_ADDRESS,
    hours: ja ? env.COUNCIL_HOURS : env.COUNCIL_HOURS_EN,
  };
}

/** Map tiles for the browser, or null when the operator turned the map off (MAP_TILE_URL=""). */
export function mapConfig() {
  const env = getEnv();
  return env.MAP_TILE_URL ? { tileUrl: env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION } : null;
}
