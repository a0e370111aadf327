import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { deploymentMode } from "../../server/deployment.js";

// One validated view of the environment; everything else reads config from here (server.mjs too, through the build).
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /// The address to bind. Anything but loopback makes the portal reachable by others (see server/deployment.js).
  HOST: z.string().default("127.0.0.1"),
  /// Public origin used for links in emails and for the CSRF Origin check; never taken from request headers.
  APP_ORIGIN: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  DATABASE_PATH: z.string().optional(),
  /// What an empty database is filled with: demo (sample content and demo people), base (areas and lists only), 0.
  SEED: z.string().optional(),
  /// Server processes sharing the port and the SQLite file (one per core is the production default; 1 = a single
  /// process, no cluster). See server.mjs and docs/decisions/010-one-process-per-core.md.
  WEB_CONCURRENCY: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(64).optional()),
  /// "1" when exactly one reverse proxy stands in front: client addresses then come from its X-Forwarded-For.
  TRUST_PROXY: z.enum(["", "0", "1"]).default(""),
  /// How long anonymous public pages and query results are reused; every write clears them at once. 0 = off.
  PUBLIC_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /// Name shown on certificates and in the footer.
  COUNCIL_NAME: z.string().default("鶴ヶ島市社会福祉協議会"),
  COUNCIL_NAME_EN: z.string().default("Tsurugashima Social Welfare Council"),
  CITY_NAME: z.string().default("鶴ヶ島市"),
  /// Map tiles; default 地理院タイル. Empty disables the map.
  MAP_TILE_URL: z.string().default("https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"),
  MAP_ATTRIBUTION: z.string().default("地理院タイル"),
});

export type Env = z.infer<typeof EnvSchema> & {
  APP_ORIGIN: string;
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
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const env = parsed.data;
  const mode = deploymentMode(process.env);
  if (mode.problems.length) throw new Error(`Refusing to start: ${mode.problems.join(" ")}`);
  cached = {
    ...env,
    APP_ORIGIN: new URL(env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).origin,
    DATABASE_PATH: path.resolve(env.DATABASE_PATH ?? path.join(env.DATA_DIR, "tsunagu.db")),
    LOOPBACK: mode.loopback,
    SEED: mode.seed,
    // availableParallelism() follows the CPU affinity (taskset, container cpusets), not just the core count.
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? (env.NODE_ENV === "production" ? os.availableParallelism() : 1),
    MAP_TILE_ORIGIN: tileOrigin(env.MAP_TILE_URL),
  };
  return cached;
}

function tileOrigin(template: string): string {
  try {
    return template ? new URL(template.replace(/[{}]/g, "")).origin : "";
  } catch {
    return "";
  }
}

/** Map tiles for the browser, or null when the operator turned the map off (MAP_TILE_URL=""). */
export function mapConfig() {
  const env = getEnv();
  return env.MAP_TILE_URL ? { tileUrl: env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION } : null;
}
