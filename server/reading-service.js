// The reading service: one process per server holding kuromoji's dictionary (~280 MB), which the workers ask for
// the readings of Japanese text (search queries, furigana, search indexing) over a local socket, instead of each
// loading its own copy (issue 13: a server process stays under 400 MB). Client: app/modules/search/reading-client.server.ts.
//
// Started by the process that starts the server (the cluster's primary, or the single process) before it serves;
// the socket's path reaches the workers through TSUNAGU_READING_SOCKET in their environment. If the service dies
// it is started again (after a growing pause); meanwhile the workers read in their own process. It exits with its
// parent: the IPC channel closing is its signal.
import { fork } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { restartPause } from "./cluster.js";

const self = fileURLToPath(import.meta.url);
const MAX_TEXTS = 2_000;
const MAX_CHARS = 200_000;

/** In the server's first process: forks the service and resolves once it listens (its socket's path is then set). */
export function startReadingService({ log = console } = {}) {
  const socketPath = path.join(os.tmpdir(), `tsunagu-reading-${process.pid}.sock`);
  process.env.TSUNAGU_READING_SOCKET = socketPath;
  let child;
  let stopping = false;
  let quickDeaths = 0;
  const start = () =>
    new Promise((resolve) => {
      const startedAt = Date.now();
      child = fork(self, ["--serve", socketPath], { stdio: "inherit", env: { ...process.env, TSUNAGU_READING_SOCKET: "" } });
      child.once("message", (message) => message === "ready" && resolve());
      child.once("exit", (code, signal) => {
        resolve();
        if (stopping) return;
        quickDeaths = Date.now() - startedAt < 30_000 ? quickDeaths + 1 : 0;
        // The same pauses as a worker's (cluster.js): at once after a long run, then 1 s, 2 s, 4 s … at most 30 s.
        const pause = restartPause(quickDeaths);
        log.error(`✗ reading service exited (${signal ? `signal ${signal}` : `code ${code}`}); starting it again${pause ? ` in ${pause / 1000} s` : ""}`);
        setTimeout(() => !stopping && start(), pause).unref();
      });
    });
  const stop = () => {
    stopping = true;
    child?.kill("SIGTERM");
    fs.rmSync(socketPath, { force: true });
  };
  process.on("exit", stop);
  return { ready: start(), stop, socketPath, pid: () => child?.pid };
}

/** The service itself. */
async function serve(socketPath) {
  const require = createRequire(import.meta.url);
  const kuromoji = require("kuromoji");
  const dicPath = path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
  // Loading starts at once, beside the workers' own start, so that the first search or furigana page does not wait
  // for it; a request that comes sooner waits.
  let loading;
  const tokenizer = () => (loading ??= new Promise((resolve, reject) => kuromoji.builder({ dicPath }).build((e, t) => (e ? reject(e) : resolve(t)))));
  tokenizer().catch((error) => {
    console.error(`✗ reading service: the dictionary did not load (${error instanceof Error ? error.message : error})`);
    process.exit(1);
  });
  const tokensOf = (t, text) => t.tokenize(text).map((k) => [k.surface_form, k.reading && k.reading !== "*" ? k.reading : ""]);

  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffered = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    // Each answer carries its request's id; one connection's requests are answered one after another, in order.
    let queue = Promise.resolve();
    const answer = async (line) => {
      let id = null;
      try {
        const request = JSON.parse(line);
        id = request.id;
        const texts = request.texts;
        if (!Array.isArray(texts) || texts.length > MAX_TEXTS || texts.some((t) => typeof t !== "string") || texts.reduce((n, t) => n + t.length, 0) > MAX_CHARS) {
          throw new Error("texts must be at most 2,000 strings of 200,000 characters in all");
        }
        const t = await tokenizer();
        socket.write(`${JSON.stringify({ id, tokens: texts.map((text) => tokensOf(t, text)) })}\n`);
      } catch (error) {
        socket.write(`${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}\n`);
      }
    };
    socket.on("data", (chunk) => {
      buffered += chunk;
      if (buffered.length > 4 * MAX_CHARS) return socket.destroy();
      let end;
      while ((end = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        queue = queue.then(() => answer(line));
      }
    });
  });
  // Only this machine's processes of the same user reach it.
  server.listen(socketPath, () => {
    fs.chmodSync(socketPath, 0o600);
    process.send?.("ready");
  });
  process.on("disconnect", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
}

if (process.argv[2] === "--serve") {
  process.title = "tsunagu-reading";
  await serve(process.argv[3]);
}
