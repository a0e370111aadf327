import fs from "node:fs";
import http from "node:http";

// Requests over one kept-alive TCP connection, and which process of a clustered server holds that connection: the
// cluster's primary hands each new connection to one worker, which then answers everything sent over it.

export type Connection = {
  request: (path: string, options?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>;
  /** The client's port of this connection (known after the first request). */
  localPort: () => number;
  close: () => void;
};

export function openConnection(origin: string): Connection {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let port = 0;
  return {
    request: (path, options = {}) =>
      new Promise((resolve, reject) => {
        const req = http.request(`${origin}${path}`, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        });
        req.on("socket", (socket) => {
          const remember = () => (port = socket.localPort ?? port);
          if (socket.localPort) remember();
          else socket.once("connect", remember);
        });
        req.on("error", reject);
        req.end(options.body);
      }),
    localPort: () => port,
    close: () => agent.destroy(),
  };
}

/**
 * Which of `pids` holds the server side of the loopback connection from `clientPort` to `serverPort`: the socket's
 * inode from /proc/net/tcp, then the process with that socket among its open files. Linux only, like the rest of
 * tests/support/server-process.ts.
 */
export function pidHoldingConnection(serverPort: number, clientPort: number, pids: number[]): number | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
  const rows = fs.readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1);
  const row = rows.map((r) => r.trim().split(/\s+/)).find((f) => f[1]?.endsWith(`:${hex(serverPort)}`) && f[2]?.endsWith(`:${hex(clientPort)}`));
  const inode = row?.[9];
  if (!inode || inode === "0") return undefined;
  return pids.find((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}
