import net from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startReadingService } from "./reading-service.js";
import { readingOf, tokensOf } from "~/modules/search/reading.server";
import { tokensFromService } from "~/modules/search/reading-client.server";

// The reading service (one kuromoji dictionary for the whole server) against this process's own dictionary: the
// same tokens, bad requests refused without harm, and a service that dies is replaced while readings go on.

const TEXTS = ["鶴ヶ島市の子ども食堂", "脚折町でサロンを開きます", "Tsurugashima カフェ 123"];

/** What this process's own dictionary says, with no service configured. */
async function locally(texts) {
  const socket = process.env.TSUNAGU_READING_SOCKET;
  delete process.env.TSUNAGU_READING_SOCKET;
  try {
    return await tokensOf(texts);
  } finally {
    if (socket !== undefined) process.env.TSUNAGU_READING_SOCKET = socket;
  }
}

const service = startReadingService({ log: { error: () => {} } });
afterAll(() => service.stop());

describe("the reading service", () => {
  it("gives the same tokens and readings as a dictionary in the process", async () => {
    await service.ready;
    const expected = await locally(TEXTS);
    expect(expected[0].map(([surface]) => surface).join("")).toBe(TEXTS[0]);
    expect(await tokensFromService(TEXTS)).toEqual(expected);
    expect(await readingOf("子ども食堂")).toBe("こどもしょくどう");
  }, 30_000);

  it("answers many requests at once, each with its own texts", async () => {
    await service.ready;
    const words = ["料理", "体操", "見守り", "学習支援", "手芸", "囲碁", "認知症", "子育て"];
    const answers = await Promise.all(words.map((word) => tokensFromService([word])));
    expect(answers.map(([tokens]) => tokens.map(([surface]) => surface).join(""))).toEqual(words);
  }, 30_000);

  it("refuses a request beyond its limits with a reason, and goes on serving the connection", async () => {
    await service.ready;
    // Straight on its socket: the app's client splits large requests itself.
    const socket = net.createConnection(service.socketPath);
    socket.setEncoding("utf8");
    const answers = [];
    let buffered = "";
    const arrived = (n) =>
      new Promise((resolve) => {
        const check = () => (answers.length >= n ? resolve(answers) : socket.once("data", onData));
        const onData = (chunk) => {
          buffered += chunk;
          let end;
          while ((end = buffered.indexOf("\n")) >= 0) {
            answers.push(JSON.parse(buffered.slice(0, end)));
            buffered = buffered.slice(end + 1);
          }
          check();
        };
        check();
      });
    socket.write(`${JSON.stringify({ id: 1, texts: Array.from({ length: 2001 }, () => "あ") })}\n`);
    socket.write(`${JSON.stringify({ id: 2, texts: "not a list" })}\n`);
    socket.write(`${JSON.stringify({ id: 3, texts: ["囲碁"] })}\n`);
    const [tooMany, notAList, fine] = await arrived(3);
    socket.destroy();
    expect(tooMany).toEqual({ id: 1, error: expect.stringMatching(/at most 2,000/) });
    expect(notAList).toEqual({ id: 2, error: expect.stringMatching(/at most 2,000/) });
    expect(fine).toEqual({ id: 3, tokens: [[["囲碁", "イゴ"]]] });
  }, 30_000);

  it("takes a page's worth of texts beyond one request's limits, in several requests, in order", async () => {
    await service.ready;
    const texts = Array.from({ length: 2_500 }, (_, i) => (i % 2 === 0 ? `子ども食堂${i}` : `囲碁の会${i}`));
    const tokens = await tokensFromService(texts);
    expect(tokens).toHaveLength(2_500);
    expect(tokens.map((t) => t.map(([surface]) => surface).join(""))).toEqual(texts);
  }, 30_000);

  it("is started again when it dies; meanwhile readings come from the process's own dictionary", async () => {
    await service.ready;
    const first = service.pid();
    process.kill(first, "SIGKILL");
    const said = vi.spyOn(console, "error").mockImplementation(() => {});
    // Right after the death, the reading is still given (from this process), and the operator is told once.
    expect(await readingOf("認知症カフェ")).toBe("にんちしょうかふぇ");
    expect(said).toHaveBeenCalledWith(expect.stringMatching(/^reading service unavailable .*: reading in this process$/));
    const deadline = Date.now() + 10_000;
    while ((service.pid() === first || !(await tokensFromService(["手芸"]).then(() => true, () => false))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(service.pid()).not.toBe(first);
    await expect(tokensFromService(["手芸"])).resolves.toEqual([[["手芸", "シュゲイ"]]]);
  }, 30_000);
});
