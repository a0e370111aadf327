// The benchmarked server as the kernel sees it: the process started and its children (cluster workers, the reading
// service). Shared by load.mjs and mixed-load.mjs so both count a page's cost the same way.
import fs from "node:fs";

/** Linux USER_HZ: /proc/PID/stat counts CPU time in these ticks. */
export const CLK_TCK = 100;

/** The server process and its children. */
export function serverPids(serverPid) {
  const pids = [serverPid];
  try {
    const children = fs.readFileSync(`/proc/${serverPid}/task/${serverPid}/children`, "utf8").trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  } catch {
    /* no children file */
  }
  return pids;
}

/** CPU seconds (user + system) the server's processes have used so far, or null off Linux. */
export function serverCpu(serverPid) {
  let total = null;
  for (const pid of serverPids(serverPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total = (total ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    } catch {
      /* gone */
    }
  }
  return total;
}
