import fs from "node:fs";
import { dumpTables } from "../support/database-dump";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as signupAction } from "~/routes/signup";
import { action as loginAction } from "~/routes/login";
import { action as forgotAction } from "~/routes/forgot-password";
import { verifyPassword } from "~/modules/auth/password.server";
import {
  TEST_PASSWORD,
  dataOf,
  emailsTo,
  errorKeys,
  fieldErrors,
  ipFactory,
  median,
  postForm,
  responseOf,
  uniqueEmail,
} from "../support/auth";
import { createResident } from "../support/factories";

// SECURITY.md §1 rows 1, 2, 3, 5, 26, 27, 30: passwords, signup validation, no account enumeration, bots.

const nextIp = ipFactory(11);

function signup(fields: Record<string, string>, ip = nextIp()) {
  return postForm(signupAction, "/signup", { name: "山田 花子", password: TEST_PASSWORD, agree: "on", ...fields }, { ip });
}

function login(email: string, password: string, ip = nextIp()) {
  return postForm(loginAction, "/login", { email, password }, { ip });
}

async function userByEmail(email: string) {
  return prisma.user.findUnique({ where: { email }, include: { password: true } });
}

/** Rows that a signup may create (rate-limit counters excluded: they count every attempt on purpose). */
async function accountCounts() {
  const [users, passwords, sessions, verifications, emails, consents, profiles] = await Promise.all([
    prisma.user.count(),
    prisma.password.count(),
    prisma.session.count(),
    prisma.verification.count(),
    prisma.emailOutbox.count(),
    prisma.consent.count(),
    prisma.profile.count(),
  ]);
  return { users, passwords, sessions, verifications, emails, consents, profiles };
}

/** Replaces the submitted address so two replies can be compared for equality. */
function masked(value: unknown, ...emails: string[]): string {
  let json = JSON.stringify(value ?? null);
  for (const email of emails) json = json.split(email).join("<email>");
  return json;
}

describe("passwords (rows 1–3)", () => {
  it("refuses a 7-character password and accepts an 8-character one", async () => {
    const short = uniqueEmail("pw7");
    const refused = await signup({ email: short, password: "abcdefg" });
    expect(refused.status).toBe(400);
    const result = dataOf(refused);
    expect(fieldErrors(result.result, "password")).toEqual(["errors.password.tooShort"]);
    expect(await userByEmail(short)).toBeNull();

    const ok = uniqueEmail("pw8");
    expect(dataOf(await signup({ email: ok, password: "abcdefgh" })).step).toBe("verify");
    expect(await userByEmail(ok)).not.toBeNull();
  });

  it("accepts a 128-character Japanese and emoji passphrase and signs in with exactly it", async () => {
    const email = uniqueEmail("long-pw");
    const password = "つなぐ🌸".repeat(32);
    expect([...password].length).toBe(128);
    expect(dataOf(await signup({ email, password })).step).toBe("verify");
    const user = await userByEmail(email);
    expect(await verifyPassword(user!.password!.hash, password)).toBe(true);

    await prisma.user.update({ where: { email }, data: { emailVerifiedAt: new Date() } });
    const res = responseOf(await login(email, password));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/^tsunagu_session=/);
  });

  it("never trims a password: '  pass phrase  ' and 'pass phrase' are different passwords", async () => {
    const email = uniqueEmail("spaces");
    const password = "  tsunagu pass phrase  ";
    expect(dataOf(await signup({ email, password })).step).toBe("verify");
    await prisma.user.update({ where: { email }, data: { emailVerifiedAt: new Date() } });

    const trimmed = dataOf(await login(email, password.trim()));
    expect(errorKeys(trimmed.result)).toEqual(["auth.invalidLogin"]);
    expect(responseOf(await login(email, password)).status).toBe(302);
  });

  it("refuses a common password such as password1234 from the offline list, in any letter case, without calling any network service", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      for (const password of ["password1234", "PassWord1234"]) {
        const email = uniqueEmail("common");
        const result = dataOf(await signup({ email, password }));
        expect(fieldErrors(result.result, "password")).toEqual(["errors.password.common"]);
        expect(await userByEmail(email)).toBeNull();
      }
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("refuses the email address itself as the password", async () => {
    const email = uniqueEmail("same-as-email");
    const result = dataOf(await signup({ email, password: email }));
    expect(fieldErrors(result.result, "password")).toEqual(["errors.password.common"]);
    expect(await userByEmail(email)).toBeNull();
  });

  it("stores an argon2id hash, and the password appears nowhere in the database (tables or files)", async () => {
    const email = uniqueEmail("canary");
    const canary = `Canary-Passw0rd-${Date.now()}`;
    expect(dataOf(await signup({ email, password: canary })).step).toBe("verify");
    const user = await userByEmail(email);
    expect(user!.password!.hash.startsWith("$argon2id$")).toBe(true);
    expect(user!.password!.hash).not.toContain(canary);

    // Every row of every table, read through a separate connection.
    const tables = await dumpTables();
    expect(tables.length).toBeGreaterThan(10);
    for (const { name, rows } of tables) expect(rows.includes(canary), `table ${name} holds the plaintext password`).toBe(false);
    // And the raw bytes on disk of SQLite's file (main file and write-ahead log); PostgreSQL's files are the server's.
    const file = process.env.DATABASE_PATH!;
    for (const path of [file, `${file}-wal`]) {
      if (!fs.existsSync(path)) continue;
      expect(fs.readFileSync(path).includes(Buffer.from(canary, "utf8")), `${path} holds the plaintext password`).toBe(false);
    }
  });
});

describe("no account enumeration (row 5)", () => {
  it("signup answers the same for a new and an already registered address, and leaves the existing account alone", async () => {
    const existing = await createResident();
    const before = await userByEmail(existing.email);
    const fresh = uniqueEmail("fresh");

    const forExisting = dataOf(await signup({ email: existing.email, password: "another-Passw0rd!" }));
    const forFresh = dataOf(await signup({ email: fresh, password: "another-Passw0rd!" }));
    expect(masked(forExisting, existing.email)).toBe(masked(forFresh, fresh));
    expect(forExisting.step).toBe("verify");

    // The owner of the registered address is told by email; the password did not change; no second account.
    expect((await emailsTo(existing.email)).map((e) => e.template)).toEqual(["signup-existing"]);
    expect((await emailsTo(fresh)).map((e) => e.template)).toEqual(["verify-email"]);
    const after = await userByEmail(existing.email);
    expect(after!.password!.hash).toBe(before!.password!.hash);
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("forgot-password answers the same for a known and an unknown address", async () => {
    const known = await createResident();
    const unknown = uniqueEmail("nobody");
    const a = await postForm(forgotAction, "/forgot-password", { email: known.email }, { ip: nextIp() });
    const b = await postForm(forgotAction, "/forgot-password", { email: unknown }, { ip: nextIp() });
    expect(a.response).toBeUndefined();
    expect(b.response).toBeUndefined();
    expect(JSON.stringify(a.data)).toBe(JSON.stringify(b.data));
    expect(a.data).toEqual({ sent: true, result: undefined });
    expect((await emailsTo(known.email)).map((e) => e.template)).toEqual(["reset-password"]);
    expect(await emailsTo(unknown)).toEqual([]);
  });

  it("login answers the same for an unknown address and for a wrong password, without echoing the password", async () => {
    const known = await createResident();
    const unknown = uniqueEmail("nobody");
    const wrong = "wrong-Passw0rd-xyz";
    const aOutcome = await login(known.email, wrong);
    const bOutcome = await login(unknown, wrong);
    expect([aOutcome.status, bOutcome.status]).toEqual([400, 400]);
    const a = dataOf(aOutcome);
    const b = dataOf(bOutcome);
    expect(masked(a, known.email)).toBe(masked(b, unknown));
    expect(errorKeys(a.result)).toEqual(["auth.invalidLogin"]);
    expect(JSON.stringify(a)).not.toContain(wrong);
    expect(JSON.stringify(b)).not.toContain(wrong);
  });

  it("login takes about as long for an unknown address as for a wrong password (median difference < 50 ms over 10 runs)", async () => {
    const known = await createResident();
    await login(uniqueEmail("warm-up"), "warm-up-Passw0rd"); // the dummy hash is made once per process
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Only the failure path is timed: keep the per-account limit (5/min) from turning attempts into fast 429s.
      await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "login-account:" } } });
      let t = performance.now();
      const a = await login(known.email, `wrong-Passw0rd-${i}`);
      knownTimes.push(performance.now() - t);
      t = performance.now();
      const b = await login(uniqueEmail("timing"), `wrong-Passw0rd-${i}`);
      unknownTimes.push(performance.now() - t);
      expect(a.response).toBeUndefined();
      expect(b.response).toBeUndefined();
    }
    // Both paths really verify a hash (an argon2id verify takes tens of milliseconds).
    expect(median(knownTimes)).toBeGreaterThan(10);
    expect(Math.abs(median(knownTimes) - median(unknownTimes))).toBeLessThan(50);
  });
});

describe("signup validates and normalises on the server (rows 26–27)", () => {
  it("normalises a full-width address (Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＪＰ) to lowercase ASCII, and the resident signs in with any spelling", async () => {
    const result = dataOf(await signup({ email: "Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＪＰ" }));
    expect(result.step).toBe("verify");
    expect(result).toMatchObject({ email: "taro@example.jp" });
    const user = await userByEmail("taro@example.jp");
    expect(user).not.toBeNull();
    expect((await emailsTo("taro@example.jp")).map((e) => e.template)).toEqual(["verify-email"]);

    await prisma.user.update({ where: { id: user!.id }, data: { emailVerifiedAt: new Date() } });
    expect(responseOf(await login(" TARO@Example.JP ", TEST_PASSWORD)).status).toBe(302);
  });

  it("rejects a 50,000-character address quickly and stores nothing", async () => {
    const before = await accountCounts();
    const variants = ["a".repeat(50_000), `${"a".repeat(49_990)}@example.jp`, `a@${"a.".repeat(24_990)}jp `, `a@a${".a".repeat(24_990)}@`];
    for (const email of variants) {
      const started = performance.now();
      const result = dataOf(await signup({ email }));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(fieldErrors(result.result, "email")).toContain("errors.emailInvalid");
    }
    expect(await accountCounts()).toEqual(before);
  });

  it("removes right-to-left overrides and zero-width characters from names before storing them", async () => {
    const email = uniqueEmail("rtl");
    expect(dataOf(await signup({ email, name: "\u200B山田\u202E太郎\u200D\u2066" })).step).toBe("verify");
    expect((await userByEmail(email))!.name).toBe("山田太郎");
  });

  it("refuses a name or address made only of spaces or invisible characters, with the translatable 'required' message", async () => {
    const cases: Record<string, string>[] = [{ name: "\u202E\u200B\u200F" }, { name: "   " }, { name: "\u3000" }, { email: "   " }];
    for (const fields of cases) {
      const email = uniqueEmail("invisible");
      const result = dataOf(await signup({ email, ...fields }));
      expect(await userByEmail(email)).toBeNull();
      const field = "name" in fields ? "name" : "email";
      // The form shows t(key): a bare zod default such as "Required" would appear untranslated on a Japanese page.
      expect(fieldErrors(result.result, field), JSON.stringify(fields)).toEqual(["errors.required"]);
    }
  });

  it("a rejected signup, sent straight to the action without the form, changes nothing in the database", async () => {
    const before = await accountCounts();
    const bad: Record<string, string>[] = [
      { email: uniqueEmail("bad"), password: "1234567" },
      { email: uniqueEmail("bad"), password: "password1234" },
      { email: uniqueEmail("bad"), password: "x".repeat(257) },
      { email: uniqueEmail("bad"), agree: "" },
      { email: uniqueEmail("bad"), agree: "yes" },
      { email: uniqueEmail("bad"), name: "" },
      { email: uniqueEmail("bad"), name: "名".repeat(51) },
      { email: "a@b" },
      { email: "taro@@example.jp" },
      { email: `${"a".repeat(250)}@example.jp` },
      { email: "'; DROP TABLE \"User\";--@example.jp" },
      { email: "<img src=x onerror=alert(1)>@example.jp" },
    ];
    for (const fields of bad) {
      const outcome = await signup(fields);
      expect(outcome.response, JSON.stringify(fields)).toBeUndefined();
      expect(outcome.status, JSON.stringify(fields)).toBe(400);
      expect(outcome.data!.step, JSON.stringify(fields)).toBe("form");
      expect(errorKeys(outcome.data!.result).length, JSON.stringify(fields)).toBeGreaterThan(0);
    }
    expect(await accountCounts()).toEqual(before);
  });
});

describe("bots and floods on signup (row 30)", () => {
  it("a filled honeypot gets 400, and neither an account nor an email is created", async () => {
    const email = uniqueEmail("bot");
    const before = await accountCounts();
    const res = responseOf(await signup({ email, website_url: "http://spam.example" }));
    expect(res.status).toBe(400);
    expect(await userByEmail(email)).toBeNull();
    expect(await emailsTo(email)).toEqual([]);
    expect(await accountCounts()).toEqual(before);
  });

  it("the 7th signup from one address within 5 minutes gets 429 with Retry-After and creates nothing; another address is unaffected", async () => {
    const ip = nextIp();
    for (let i = 0; i < 6; i++) {
      expect(dataOf(await signup({ email: uniqueEmail("flood") }, ip)).step).toBe("verify");
    }
    const seventh = uniqueEmail("flood-7");
    const res = responseOf(await signup({ email: seventh }, ip));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await userByEmail(seventh)).toBeNull();
    expect(await emailsTo(seventh)).toEqual([]);

    expect(dataOf(await signup({ email: uniqueEmail("other-ip") }, nextIp())).step).toBe("verify");
  });
});
