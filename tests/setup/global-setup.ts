import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, SEED_NOW_FILE, TEMPLATE_DB } from "./paths";
import type { TestProject } from "vitest/node";
import { databaseUrl, dropDatabase, onPostgres, recreateDatabase, templateDatabaseFor } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

/** Builds the template database the same way production does: `prisma migrate deploy`, then the seed. */
export default async function setup(project: TestProject) {
  const template = templateDatabaseFor(process.pid);
  project.provide("postgresTemplate", template);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${TEMPLATE_DB}${suffix}`, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: TEMPLATE_DB, SEED_NOW: new Date().toISOString() };
  delete env.DATABASE_URL;
  if (onPostgres()) {
    await recreateDatabase(template);
    env.DATABASE_URL = databaseUrl(template);
  }
  const bin = (name: string) => path.resolve("node_modules", ".bin", name);
  const run = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { env, stdio: "pipe" });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
      throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed:\n${stderr}`);
    }
  };
  run(bin("prisma"), ["migrate", "deploy"]);
  run(bin("tsx"), ["prisma/seed.ts"]);
  fs.writeFileSync(SEED_NOW_FILE, env.SEED_NOW!);
  if (onPostgres()) return async () => dropDatabase(template);
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(TEMPLATE_DB)});d.pragma("wal_checkpoint(TRUNCATE)");d.close()`]);
}
