import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// ASVS 6.2: at least 8 characters (15 advised), long passphrases allowed, no composition rules, never trimmed,
// and the ~50,000 most common passwords refused. Lengths count code points, so 𠮷 or an emoji is one character.
import { PASSWORD_MAX, PASSWORD_MIN } from "./schemas";

const COMMON = new Set(dictionary.passwords.map((p) => p.toLowerCase()));

export type PasswordProblem = "tooShort" | "tooLong" | "common";

export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "common";
  if (email && lower === email.toLowerCase()) return "common";
  return null;
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/**
 * A real argon2id hash of a random value, verified against when the account does not exist, so a login with an
 * unknown email costs the same time as one with a known email (no account enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}
