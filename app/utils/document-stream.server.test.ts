import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { documentEndLast } from "./document-stream.server";

async function through(chunks: (string | Buffer)[]): Promise<string> {
  const out: Buffer[] = [];
  const stream = Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))).pipe(documentEndLast());
  for await (const chunk of stream) out.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(out).toString("utf8");
}

describe("documentEndLast", () => {
  it("moves what React streams after </html> (single fetch's data scripts) inside <body>", async () => {
    const html = await through(["<!DOCTYPE html><html><body><main>本文</main></body></html>", "<script>a()</script>", "<script>b()</script>"]);
    expect(html).toBe("<!DOCTYPE html><html><body><main>本文</main><script>a()</script><script>b()</script></body></html>");
  });

  it("finds the closing tags split across chunks, and keeps characters split across chunks whole", async () => {
    const text = Buffer.from("<html><body><p>鶴ヶ島</p></bo");
    // Cut inside the three bytes of 鶴.
    const html = await through([text.subarray(0, 17), text.subarray(17), "dy></ht", "ml><script>x()</script>"]);
    expect(html).toBe("<html><body><p>鶴ヶ島</p><script>x()</script></body></html>");
  });

  it("leaves a fragment without a document end as it is", async () => {
    expect(await through(["<p>a</p>", "<p>b</p>"])).toBe("<p>a</p><p>b</p>");
  });
});
