import { describe, expect, it } from "vitest";
import { mailViewerEnabled } from "~/modules/email/viewer.server";
import { loader } from "~/routes/dev.mail";

// Issue 8, item 2: the development mail viewer shows login codes, so only a visitor whose TCP connection comes from
// this machine may see it; the peer address comes from the socket (server.mjs), never from a header.

describe("the mail viewer", () => {
  it.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["203.0.113.9", false],
    ["::ffff:192.168.1.5", false],
    ["", false],
  ])("a visitor connected from %s sees it: %s", (socketAddress, shown) => {
    expect(mailViewerEnabled({ socketAddress })).toBe(shown);
  });

  it("answers 404 to a remote peer even when every header claims to be local", async () => {
    const request = new Request("http://localhost:3000/dev/mail", {
      headers: { Host: "localhost:3000", "X-Forwarded-For": "127.0.0.1", "X-Tsunagu-Client-Ip": "127.0.0.1", Origin: "http://localhost:3000" },
    });
    const outcome = await Promise.resolve(loader({ request, params: {}, context: { socketAddress: "203.0.113.9" } })).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(404);
  });
});
