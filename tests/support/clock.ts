import { vi } from "vitest";

/** Moves the clock forward by `ms` (Date only: real timers keep Prisma and argon2 running). Undo with vi.useRealTimers(). */
export function travel(ms: number) {
  const target = Date.now() + ms;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(target);
}
