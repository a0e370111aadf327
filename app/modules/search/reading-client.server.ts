import net from "node:net";
import type { Token } from "./reading.server";

// The worker's side of the reading service (server/reading-service.js): one kept-open connection to its local
// socket, requests and answers as lines of JSON ({ id, texts } → { id, tokens } or { id, error }), matched by id
// so that many pages can wait on it at once.

/** Set by the server process that started the service; its workers inherit it. */
export function readingServiceSocket(): string | undefined {
  return process.env.TSUNAGU_READING_SOCKET || undefined;
}

/**
 * How long a request may wait. The service loads its dictionary as it starts (1–2 s, more on a busy machine), and a
 * request that arrives meanwhile waits for it; a service that died is noticed at once (its socket closes).
 */
const ANSWER_TIMEOUT_MS = 20_000;

type Waiting = { resolve: (tokens: Token[][]) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
let connection: { socket: net.Socket; waiting: Map<number, Waiting> } | undefined;
let nextId = 0;

function connect(socketPath: string) {
  const socket = net.createConnection(socketPath);
  const waiting = new Map<number, Waiting>();
  const current = { socket, waiting };
  let buffered = "";
  socket.setEncoding("utf8");
  // An idle connection must not keep a finished script (or a stopping worker) alive.
  socket.unref();
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let answer: { id: number; tokens?: Token[][]; error?: string };
      try {
        answer = JSON.parse(line);
      } catch {
        continue;
      }
      const w = waiting.get(answer.id);
      if (!w) continue;
      waiting.delete(answer.id);
      clearTimeout(w.timer);
      if (answer.tokens) w.resolve(answer.tokens);
      else w.reject(new Error(answer.error ?? "no tokens"));
    }
  });
  const fail = (error: Error) => {
    if (connection === current) connection = undefined;
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    waiting.clear();
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("the reading service closed the connection")));
  return current;
}

/** What the service takes in one request (server/reading-service.js refuses more), with room to spare. */
const CHUNK_TEXTS = 1_000;
const CHUNK_CHARS = 100_000;

/**
 * The tokens of each text from the reading service, in as many requests as its limits need (a page's interface
 * words in furigana can be thousands of short texts); rejects if it cannot be reached or does not answer in time.
 */
export async function tokensFromService(texts: readonly string[]): Promise<Token[][]> {
  const chunks: string[][] = [[]];
  let chars = 0;
  for (const text of texts) {
    const current = chunks[chunks.length - 1]!;
    if (current.length > 0 && (current.length >= CHUNK_TEXTS || chars + text.length > CHUNK_CHARS)) {
      chunks.push([text]);
      chars = text.length;
    } else {
      current.push(text);
      chars += text.length;
    }
  }
  const answers = await Promise.all(chunks.map(request));
  return answers.flat();
}

function request(texts: readonly string[]): Promise<Token[][]> {
  const socketPath = readingServiceSocket();
  if (!socketPath) return Promise.reject(new Error("no reading service"));
  connection ??= connect(socketPath);
  const { socket, waiting } = connection;
  const id = (nextId += 1);
  return new Promise<Token[][]>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`));
    }, ANSWER_TIMEOUT_MS);
    timer.unref();
    waiting.set(id, { resolve, reject, timer });
    socket.write(`${JSON.stringify({ id, texts })}\n`);
  });
}
