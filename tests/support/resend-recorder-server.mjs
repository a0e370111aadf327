#!/usr/bin/env node
// A stand-in for Resend's HTTP API on 127.0.0.1, for end-to-end tests: the app's real `resend` SDK posts to it
// (RESEND_BASE_URL), it records each email and answers like Resend. Tests read what was sent at GET /__recorded.
import http from "node:http";
import crypto from "node:crypto";

const port = Number(process.env.RESEND_RECORDER_PORT ?? 3199);
const recorded = [];

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/__health") return void res.end("ok");
  if (req.method === "GET" && req.url === "/__recorded") {
    res.setHeader("Content-Type", "application/json");
    return void res.end(JSON.stringify(recorded));
  }
  if (req.method === "POST" && req.url === "/emails") {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const email = JSON.parse(body || "{}");
      const id = crypto.randomUUID();
      recorded.push({ id, idempotencyKey: req.headers["idempotency-key"] ?? null, authorization: Boolean(req.headers.authorization), ...email });
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ id }));
    });
    return;
  }
  res.statusCode = 404;
  res.end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
});

server.listen(port, "127.0.0.1", () => console.log(`resend recorder on http://127.0.0.1:${port}`));
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.close(() => process.exit(0)));
