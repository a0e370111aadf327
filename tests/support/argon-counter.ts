// Counts argon2 hashes and verifications while the real functions still run: the tests use it to prove that a
// refused request (429, bad format, unknown account) is answered before any hashing. A test file installs it with
//   vi.mock("@node-rs/argon2", async (importOriginal) => (await import("../support/argon-counter")).countingArgon(importOriginal));
// and reads `argonCalls`. This file must not import @node-rs/argon2 itself (it would get the mock).

type Argon = typeof import("@node-rs/argon2");

export const argonCalls = { hashCalls: 0, verifyCalls: 0 };

export async function countingArgon(importOriginal: <T>() => Promise<T>): Promise<Argon> {
  const real = await importOriginal<Argon>();
  return {
    ...real,
    hash: (...args: Parameters<Argon["hash"]>) => {
      argonCalls.hashCalls += 1;
      return real.hash(...args);
    },
    verify: (...args: Parameters<Argon["verify"]>) => {
      argonCalls.verifyCalls += 1;
      return real.verify(...args);
    },
  };
}
