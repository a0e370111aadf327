import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT, RequestInputError, readBody } from "./http-input.js";

/** A request body the test writes by hand, as a client would send it over time. */
function fakeRequest(headers = {}) {
  const req = new PassThrough();
  req.headers = headers;
  return req;
}
const FAST = { form: 300, upload: 600, idle: 100 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe("reading a request body", () => {
  it("reads a body that arrives in time, in pieces", async () => {
    const req = fakeRequest();
    const body = readBody(req, FORM_BODY_LIMIT, FAST);
    req.write("name=");
    await sleep(50);
    req.end("鶴ヶ島");
    expect((await body).toString("utf8")).toBe("name=鶴ヶ島");
  });

  it("answers 408 when the body pauses longer than the idle limit (a stalled or slowloris client)", async () => {
    const req = fakeRequest();
    const started = Date.now();
    const body = readBody(req, FORM_BODY_LIMIT, FAST);
    req.write("a=1");
    await expect(body).rejects.toMatchObject({ status: 408, reason: "bodyTooSlow" });
    expect(Date.now() - started).toBeLessThan(FAST.form);
  });

  it("answers 408 when a trickling body, never idle for long, is not done by the deadline", async () => {
    const req = fakeRequest();
    const started = Date.now();
    const body = readBody(req, FORM_BODY_LIMIT, FAST);
    const trickle = setInterval(() => req.write("x"), 40);
    try {
      await expect(body).rejects.toBeInstanceOf(RequestInputError);
      await expect(body).rejects.toMatchObject({ status: 408 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.form - 20);
    } finally {
      clearInterval(trickle);
    }
  });

  it("gives an upload its longer deadline", async () => {
    const req = fakeRequest();
    const body = readBody(req, FORM_BODY_LIMIT * 10, FAST);
    const trickle = setInterval(() => req.write("x"), 40);
    await sleep(FAST.form + 100);
    clearInterval(trickle);
    req.end();
    expect((await body).length).toBeGreaterThan(5);
  });

  it("answers 413 for a body over the limit, whatever Content-Length said", async () => {
    const req = fakeRequest({ "content-length": "10" });
    const body = readBody(req, 1024, FAST);
    req.write(Buffer.alloc(2048));
    await expect(body).rejects.toMatchObject({ status: 413, reason: "bodyTooLarge" });
  });
});
