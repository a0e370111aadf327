import { describe, expect, it } from "vitest";
import { deploymentMode, heapLimitArgs, isLoopbackAddress, isLoopbackHost } from "./deployment.js";

describe("deployment mode from HOST, APP_ORIGIN and SEED", () => {
  it.each([
    ["127.0.0.1", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["127.0.0.2", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
    ["tsunagu.example.jp", false],
    ["127.0.0.1.evil.example", false],
  ])("HOST=%s is loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["203.0.113.9", false],
    ["::ffff:203.0.113.9", false],
    ["", false],
  ])("peer %s is loopback: %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it("defaults to demo data on loopback and to the shared lists only elsewhere", () => {
    expect(deploymentMode({})).toMatchObject({ loopback: true, seed: "demo", problems: [] });
    expect(deploymentMode({ HOST: "0.0.0.0", APP_ORIGIN: "https://x.example.jp" })).toMatchObject({ loopback: false, seed: "base", problems: [] });
    expect(deploymentMode({ HOST: "0.0.0.0", APP_ORIGIN: "https://x.example.jp", SEED: "demo" }).seed).toBe("demo");
  });

  it("names what is missing: APP_ORIGIN on a reachable address, a SEED it does not know", () => {
    expect(deploymentMode({ HOST: "0.0.0.0" }).problems.join(" ")).toContain("APP_ORIGIN");
    expect(deploymentMode({ SEED: "1" }).problems.join(" ")).toContain("SEED=1");
  });
});

describe("the heap limit of a server process (SERVER_HEAP_MB)", () => {
  it("is 256 MB unless set, can be left to node with 0, and refuses what is not a number of megabytes", () => {
    expect(heapLimitArgs({})).toEqual(["--max-old-space-size=256"]);
    expect(heapLimitArgs({ SERVER_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
    expect(heapLimitArgs({ SERVER_HEAP_MB: "0" })).toEqual([]);
    expect(heapLimitArgs({ SERVER_HEAP_MB: "" })).toEqual(["--max-old-space-size=256"]);
    for (const bad of ["-1", "1.5", "lots", "256MB"]) expect(() => heapLimitArgs({ SERVER_HEAP_MB: bad }), bad).toThrow(/SERVER_HEAP_MB/);
  });
});
