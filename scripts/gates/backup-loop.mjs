// For gate G7: takes backups of DATABASE_PATH back to back into the given folder for the given seconds, in one
// process (what `npm run db:backup` does each time, without a node start-up per copy), one JSON line per backup.
import path from "node:path";
import { backupDatabase } from "../../server/backup.js";
import { databaseFile } from "../../server/deployment.js";

const [dir, seconds] = [process.argv[2], Number(process.argv[3])];
const live = databaseFile(process.env);
const until = Date.now() + seconds * 1000;
for (let i = 0; Date.now() < until; i += 1) {
  const file = path.join(dir, `backup-${i}.db`);
  const startedAt = Date.now();
  const t = performance.now();
  const check = await backupDatabase(live, file);
  console.log(JSON.stringify({ file, startedAt, ms: performance.now() - t, ok: check.ok }));
}
