import path from "node:path";
import { fileURLToPath } from "node:url";

export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".artifacts");
/** Migrated and seeded once per test run; each worker copies it. */
export const TEMPLATE_DB = path.join(ARTIFACTS, "template.db");
/** The fixed "now" the template was seeded at, so tests can reason about dates. */
export const SEED_NOW_FILE = path.join(ARTIFACTS, "seed-now.txt");
