import path from "node:path";
import { z } from "zod";

// One validated view of the environment; everything else reads config from here.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /// Public origin used for links in emails and for the CSRF Origin check; never taken from request headers.
  APP_ORIGIN: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  DATABASE_PATH: z.string().optional(),
  /// Name shown on certificates and in the footer.
  COUNCIL_NAME: z.string().default("鶴ヶ島市社会福祉協議会"),
  COUNCIL_NAME_EN: z.string().default("Tsurugashima Social Welfare Council"),
  CITY_NAME: z.string().default("鶴ヶ島市"),
  /// Map tiles; default 地理院タイル. Empty disables the map.
  MAP_TILE_URL: z.string().default("https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"),
  MAP_ATTRIBUTION: z.string().default("地理院タイル"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: (Env & { APP_ORIGIN: string; DATABASE_PATH: string }) | undefined;

export function getEnv() {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    APP_ORIGIN: (env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    DATABASE_PATH: path.resolve(env.DATABASE_PATH ?? path.join(env.DATA_DIR, "tsunagu.db")),
  };
  return cached;
}

/** Map tiles for the browser, or null when the operator turned the map off (MAP_TILE_URL=""). */
export function mapConfig() {
  const env = getEnv();
  return env.MAP_TILE_URL ? { tileUrl: env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION } : null;
}
