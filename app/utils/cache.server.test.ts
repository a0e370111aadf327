import { describe, expect, it, vi } from "vitest";

describe("public cache", () => {
  it("serves a repeat within the TTL, reloads after it, and forgets everything on invalidate", async () => {
    vi.stubEnv("PUBLIC_CACHE_TTL_MS", "1000");
    vi.resetModules();
    const { cachedPublic, invalidatePublicCache, cacheKey } = await import("./cache.server");
    let loads = 0;
    const load = async () => ++loads;
    const key = cacheKey("list", { area: "kita" }, "ja");
    expect(await cachedPublic(key, load, 0)).toBe(1);
    expect(await cachedPublic(key, load, 500)).toBe(1);
    expect(await cachedPublic(key, load, 1500)).toBe(2);
    invalidatePublicCache();
    expect(await cachedPublic(key, load, 1600)).toBe(3);
    expect(await cachedPublic(cacheKey("list", { area: "kita" }, "en"), load, 1600)).toBe(4);
    vi.unstubAllEnvs();
  });

  it("does not keep a failed load", async () => {
    vi.stubEnv("PUBLIC_CACHE_TTL_MS", "1000");
    vi.resetModules();
    const { cachedPublic } = await import("./cache.server");
    await expect(cachedPublic("k", () => Promise.reject(new Error("db down")), 0)).rejects.toThrow("db down");
    expect(await cachedPublic("k", async () => "ok", 10)).toBe("ok");
    vi.unstubAllEnvs();
  });
});

describe("the result cache's memory budget", () => {
  it("lets the oldest results go once the results pass 24 MB, and keeps the newest", async () => {
    const { cachedPublic, invalidatePublicCache } = await import("./cache.server");
    invalidatePublicCache();
    const big = "あ".repeat(2 * 1024 * 1024); // about 4 MB each once counted
    const loads: string[] = [];
    const read = (n: number) => cachedPublic(`big:${n}`, async () => (loads.push(`big:${n}`), `${n}${big}`));
    for (let n = 0; n < 8; n++) await read(n);
    await new Promise((resolve) => setTimeout(resolve, 0));
    loads.length = 0;
    await read(7);
    await read(0);
    expect(loads).toEqual(["big:0"]);
  });
});
