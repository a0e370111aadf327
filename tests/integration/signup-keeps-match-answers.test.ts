import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { action as verifyAction } from "~/routes/verify";
import { signupWithAnswers } from "~/modules/matching/quick-match";
import { parseAnswers } from "~/modules/matching/answers";
import { TEST_PASSWORD, codeFrom, dataOf, ipFactory, latestEmail, postForm, responseOf, uniqueEmail } from "../support/auth";
import { createResident } from "../support/factories";
import { callLoader } from "./helpers";

// A resident who tried the quick match and then signs up keeps the answers as the start of their profile.

const nextIp = ipFactory(212);
const ANSWERS = "like=elderly.parenting&when=weekday-am&area=fujimi&reach=own&avoid=evenings&do=help";

async function profileOf(email: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { profile: { select: { areaId: true, availability: true, reach: true, avoid: true, role: true, interests: { select: { slug: true } }, audiences: { select: { slug: true } } } } },
  });
  return user.profile!;
}

describe("signing up after the quick match", () => {
  it("carries the answers from /match through the sign-up form into the new profile, then on to the proposals", async () => {
    const link = signupWithAnswers(parseAnswers(new URLSearchParams(ANSWERS)));
    expect(link).toMatch(/^\/signup\?match=/);
    const page = await callLoader(signupLoader, link);
    expect(page.match).toBe(ANSWERS);

    const email = uniqueEmail("match-signup");
    const outcome = dataOf(await postForm(signupAction, link, { name: "鶴ヶ島 花子", email, password: TEST_PASSWORD, agree: "on", match: page.match! }, { ip: nextIp() }));
    expect(outcome).toMatchObject({ step: "verify", next: "/match" });

    const profile = await profileOf(email);
    const fujimi = await prisma.area.findFirstOrThrow({ where: { slug: "fujimi" }, select: { id: true } });
    expect(profile.areaId).toBe(fujimi.id);
    // Monday to Friday mornings: bits weekday * 3 + 0.
    expect(profile.availability).toBe([0, 1, 2, 3, 4].reduce((mask, w) => mask | (1 << (w * 3)), 0));
    expect(profile.reach).toBe("own");
    expect(profile.avoid).toBe(",evenings,");
    expect(profile.role).toBe("help");
    expect(profile.interests.map((c) => c.slug)).toEqual(["elderly"]);
    expect(profile.audiences.map((a) => a.slug).sort()).toEqual(["elderly", "parenting"]);

    // The code from the email signs them in and takes them to /match, where their profile now speaks.
    const code = codeFrom((await latestEmail(email, "verify-email")).textBody);
    const verified = responseOf(await postForm(verifyAction, "/verify", { email, code, redirectTo: "/match" }, { ip: nextIp() }));
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe("/match");
  });

  it("starts with an empty profile without answers, and ignores answers that cannot be read", async () => {
    const plain = uniqueEmail("plain-signup");
    expect(dataOf(await postForm(signupAction, "/signup", { name: "山田 太郎", email: plain, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() }))).toMatchObject({ next: "/me" });
    expect(await profileOf(plain)).toMatchObject({ areaId: null, availability: 0, avoid: ",", interests: [], audiences: [] });

    const odd = uniqueEmail("odd-signup");
    await postForm(signupAction, "/signup", { name: "山田 次郎", email: odd, password: TEST_PASSWORD, agree: "on", match: "like=<script>&when=yesterday&area=../../x" }, { ip: nextIp() });
    expect(await profileOf(odd)).toMatchObject({ areaId: null, availability: 0, interests: [] });
  });

  it("never changes the profile of an address that already has an account", async () => {
    const existing = await createResident();
    const before = await profileOf(existing.email);
    const outcome = dataOf(await postForm(signupAction, "/signup", { name: "だれか", email: existing.email, password: TEST_PASSWORD, agree: "on", match: ANSWERS }, { ip: nextIp() }));
    // The same next step as for a new address (no account oracle)…
    expect(outcome).toMatchObject({ step: "verify", next: "/match" });
    // …and the account's profile as it was.
    expect(await profileOf(existing.email)).toEqual(before);
  });
});
