#!/usr/bin/env node
// Two instances of the portal on one PostgreSQL database behind nginx, all on loopback: what a deployment of
// several machines looks like, on one (docs/decisions/022-postgresql.md). The first instance is started the way
// `npm start` starts (migrations, seed of an empty database, build when missing), the second beside it once the
// first is ready; nginx spreads requests between them (round robin) and says which answered (X-Upstream).
//
// Usage: DATABASE_URL=postgresql://… npm run instances:two [-- --port 8080]
// Stops everything on Ctrl-C / SIGTERM. nginx comes from Debian (apt-get install nginx).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresUrl } from "../server/deployment.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const url = postgresUrl(process.env) ?? "";
if (!url) {
  console.error("✗ DATABASE_URL=postgresql://… is needed: several instances share one PostgreSQL database");
  process.exit(2);
}
const nginxBin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
if (!nginxBin) {
  console.error("✗ nginx is not installed (apt-get install nginx)");
  process.exit(2);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = Number(option("port", 0)) || (await freePort());
const origin = `http://127.0.0.1:${port}`;
const ports = [await freePort(), await freePort()];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-instances-"));
fs.chmodSync(dir, 0o755);

const children = [];
let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    process.exit(code);
  }, 12_000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));

function launch(name, command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk) => {
      for (const line of chunk.toString().split("\n")) if (line) process.stdout.write(`[${name}] ${line}\n`);
    });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`✗ ${name} exited (${signal ?? code}): stopping the others`);
    stopAll(1);
  });
  return child;
}

async function ready(target, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${target}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${target} was not ready within ${timeoutMs / 1000} s`);
}

const instanceEnv = (instancePort) => ({
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? "production",
  HOST: "127.0.0.1",
  PORT: String(instancePort),
  // Links in emails and the CSRF check use the address residents see: nginx's.
  APP_ORIGIN: process.env.APP_ORIGIN ?? origin,
  // Exactly one proxy stands in front: client addresses (rate limits) come from its X-Forwarded-For.
  TRUST_PROXY: "1",
  DATABASE_URL: url,
});

const nginxConf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 13m;
  upstream tsunagu {
    server 127.0.0.1:${ports[0]} max_fails=0;
    server 127.0.0.1:${ports[1]} max_fails=0;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://tsunagu;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConf);

console.log(`• instance A on 127.0.0.1:${ports[0]} (migrations, seed when empty, build when missing)`);
launch("A", process.execPath, ["scripts/start.mjs"], instanceEnv(ports[0]));
await ready(`http://127.0.0.1:${ports[0]}`);
console.log(`• instance B on 127.0.0.1:${ports[1]}`);
launch("B", process.execPath, ["server.mjs"], instanceEnv(ports[1]));
await ready(`http://127.0.0.1:${ports[1]}`);
launch("nginx", nginxBin, ["-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], process.env);
await ready(origin, 20_000);
console.log(`✓ two instances behind nginx: ${origin} (A 127.0.0.1:${ports[0]}, B 127.0.0.1:${ports[1]})`);
