import { describe, expect, it } from "vitest";
import { restartPause, workerEnv } from "./cluster.js";

describe("the cluster's primary", () => {
  it("replaces a worker at once after a long run, and waits longer after each quick death, up to 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(restartPause)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it("gives the jobs role to slot 1 only, whichever process fills it", () => {
    expect(workerEnv(1)).toEqual({ TSUNAGU_WORKER: "1", TSUNAGU_JOBS: "1" });
    expect(workerEnv(2)).toEqual({ TSUNAGU_WORKER: "2", TSUNAGU_JOBS: "0" });
  });
});
