import fs from "node:fs";
import path from "node:path";
import { dialect, prisma } from "~/utils/db.server";

// Readiness (`/readyz`): may this process take traffic? Liveness (`/healthz`) only says it answers. A load balancer
// or an upgrade script waits for readiness: the database answers and every migration this build ships has been
// applied, so a new build never serves against an old schema.

/** The migrations this build ships for this database: the folder names under its migrations folder (read once). */
let shipped: string[] | null = null;
function shippedMigrations(
  dir = dialect() === "postgresql" ? path.resolve("prisma", "postgresql", "migrations") : path.resolve("prisma", "migrations"),
): string[] {
  shipped ??= fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return shipped;
}

export type Readiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: "database-unreachable" | "migrations-pending"; pending?: string[] };

export async function checkReadiness(): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    return { ready: false, reason: "database-unreachable" };
  }
  const pending = shippedMigrations().filter((name) => !applied.has(name));
  return pending.length ? { ready: false, reason: "migrations-pending", pending } : { ready: true, migrations: applied.size };
}
