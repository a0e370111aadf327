// Structured security/event log lines on stdout (SECURITY.md rows 36–37): who, what, when (UTC), never secrets.
// Values are single-line and free of control characters, so a name cannot forge a log line or colour a terminal.
import { getEnv } from "./env.server";

const SECRET_KEYS = /pass(word)?|token|secret|code|cookie|session|authorization|hash/i;

function clean(value: unknown): unknown {
  if (typeof value === "string") {
    // eslint-disable-next-line no-control-regex
    return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").slice(0, 500);
  }
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : clean(v)]));
  }
  return value;
}

export type LogEvent = { event: string; [key: string]: unknown };

let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

/** For tests: capture log lines. */
export function setLogSink(next: (line: string) => void) {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

export function logEvent(entry: LogEvent) {
  if (getEnv().NODE_ENV === "test" && !sinkIsCaptured()) return;
  sink(JSON.stringify({ at: new Date().toISOString(), ...(clean(entry) as object) }));
}

let captured = 0;
function sinkIsCaptured() {
  return captured > 0;
}
export function captureLogs(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  captured += 1;
  const restore = setLogSink((l) => lines.push(l));
  return {
    lines,
    stop: () => {
      captured -= 1;
      restore();
    },
  };
}
