import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, SEED_NOW_FILE, TEMPLATE_DB } from "./paths";

/** Builds the template database the same way production does: `prisma migrate deploy`, then the seed. */
export default function setup() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${TEMPLATE_DB}${suffix}`, { force: true });
  const env = { ...process.env, DATABASE_PATH: TEMPLATE_DB, SEED_NOW: new Date().toISOString() };
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
  fs.writeFileSync(SEED_NOW_FILE, env.SEED_NOW);
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(TEMPLATE_DB)});d.pragma("wal_checkpoint(TRUNCATE)");d.close()`]);
}
