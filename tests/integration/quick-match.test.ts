import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { action, loader } from "~/routes/match";
import { hiddenCode } from "~/modules/matching/quick-match";
import { ORIGIN, actionAnswer, requestWithCookie } from "../support/auth";
import { createResident, createSession } from "../support/factories";
import { renderRoutes } from "../support/render-app";

// /match: the quick match without an account (answers in the address, proposals with reasons right below, 興味なし),
// and for a signed-in resident their profile's proposals and a 興味なし that is remembered.

const ANSWERS = "like=elderly&when=weekday-am&area=fujimi";

async function page(search: string, cookie?: string) {
  return loader({ request: requestWithCookie(`/match${search}`, cookie), params: {}, context: {} });
}

async function post(fields: Record<string, string>, cookie?: string) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`${ORIGIN}/match`, { method: "POST", headers, body: new URLSearchParams(fields) });
  try {
    const answer = actionAnswer(await action({ request, params: {}, context: {} }));
    return { status: answer.status, location: null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
}

const keys = (items: { kind: string; id: number }[]) => items.map((i) => `${i.kind}:${i.id}`);

describe("the quick match at /match", () => {
  it("shows only the questions until something is answered", async () => {
    const data = await page("");
    expect(data.answered).toBe(false);
    expect(data.forAnswers).toEqual([]);
    expect(data.forProfile).toBeNull();
  });

  it("proposes items for the answers in the address, each with its reasons, on the same page as the questions", async () => {
    const data = await page(`?${ANSWERS}`);
    expect(data.answered).toBe(true);
    expect(data.forAnswers.length).toBeGreaterThan(2);
    expect(data.forAnswers.every((item) => item.reasons.length > 0)).toBe(true);
    // The strongest fit: in the resident's area (富士見) on a weekday morning.
    expect(data.forAnswers[0]!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["own-area", "time"]));

    const app = await renderRoutes(["match"]);
    const html = await (await app.handle(new Request(`${ORIGIN}/match?${ANSWERS}`))).text();
    expect(html).toContain("あなたへのおすすめ");
    expect(html).toContain("あなたの地区です");
    expect(html).toContain('<input type="checkbox" id="q-like-elderly" name="like" checked="" value="elderly"/>');
    expect(html).toContain('<input type="radio" id="q-area-fujimi" name="area" checked="" value="fujimi"/>');
    expect(html).toContain('<input type="checkbox" id="q-like-children" name="like" value="children"/>');
    // Without an account, 興味なし is a GET form that keeps the answers and adds the item to hide=…
    const first = data.forAnswers[0]!;
    expect(html).toContain(`name="hide" value="${hiddenCode(first.kind, first.id)}"`);
  });

  it("asks whether to help out or join in, and ranks ways to help first for someone who wants to help", async () => {
    const helper = await page(`?${ANSWERS}&do=help`);
    const joiner = await page(`?${ANSWERS}&do=join`);
    const helps = (items: typeof helper.forAnswers) => items.slice(0, 5).filter((item) => item.kind === "opening").length;
    expect(helps(helper.forAnswers)).toBeGreaterThan(helps(joiner.forAnswers));
    expect(helper.answers.role).toBe("help");

    const app = await renderRoutes(["match"]);
    const html = await (await app.handle(new Request(`${ORIGIN}/match?${ANSWERS}&do=help`))).text();
    expect(html).toContain('<input type="radio" id="q-do-help" name="do" checked="" value="help"/>');
    expect(html).toContain("手伝いたい（ボランティア）");
  });

  it("speaks the reader's language: questions, proposals and reasons in Vietnamese", async () => {
    const app = await renderRoutes(["match"]);
    const html = await (await app.handle(new Request(`${ORIGIN}/match?${ANSWERS}&lng=vi`))).text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain("1. Bạn quan tâm đến điều gì?");
    expect(html).toContain("Gợi ý dành cho bạn");
    expect(html).toContain("Ở khu vực của bạn");
    expect(html).toContain("Không quan tâm");
  });

  it("leaves out what the visitor set aside with hide=…, and gives the same list from a shared address", async () => {
    const before = await page(`?${ANSWERS}`);
    const [first, second] = before.forAnswers;
    const after = await page(`?${ANSWERS}&hide=${hiddenCode(first!.kind, first!.id)}`);
    expect(keys(after.forAnswers)).not.toContain(`${first!.kind}:${first!.id}`);
    expect(keys(after.forAnswers)).toContain(`${second!.kind}:${second!.id}`);
    expect(after.hiddenCount).toBe(1);

    // Checkboxes sent one by one (the form) and the short shared form of the same answers give the same proposals.
    const fromForm = await page("?like=elderly&like=children&when=weekday-am&when=weekend-am&area=fujimi&reach=neighbours");
    const shared = await page("?like=children.elderly&when=weekday-am.weekend-am&area=fujimi");
    expect(keys(shared.forAnswers)).toEqual(keys(fromForm.forAnswers));
  });

  it("a visitor without an account who posts 興味なし is sent back with the item in hide=…, and nothing is stored", async () => {
    const { forAnswers } = await page(`?${ANSWERS}`);
    const item = forAnswers[0]!;
    const answer = await post({ intent: "dismiss", kind: item.kind, id: String(item.id), back: ANSWERS });
    expect(answer.status).toBe(303);
    expect(answer.location).toContain(`hide=${hiddenCode(item.kind, item.id)}`);
    expect(answer.location).toContain("area=fujimi");
  });
});

describe("/match for a signed-in resident", () => {
  it("shows proposals from the profile, with a link to edit it, besides the questions", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const elderly = await prisma.category.findFirstOrThrow({ where: { slug: "elderly" }, select: { id: true } });
    await prisma.profile.update({ where: { userId: user.id }, data: { interests: { connect: [{ id: elderly.id }] }, availability: 0b111 } });
    const data = await page("", cookie);
    expect(data.forProfile!.length).toBeGreaterThan(0);
    expect(data.profileFilled).toBe(true);
    expect(data.forProfile!.some((item) => item.reasons.some((r) => r.code === "interest"))).toBe(true);

    const app = await renderRoutes(["match"]);
    const html = await (await app.handle(requestWithCookie("/match", cookie))).text();
    expect(html).toContain('href="/me/profile"');
    expect(html).toContain("プロフィールからのおすすめ");
  });

  it("remembers 興味なし: the item is gone from both lists, and stays gone", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const { forAnswers } = await page(`?${ANSWERS}`, cookie);
    const item = forAnswers[0]!;

    const answer = await post({ intent: "dismiss", kind: item.kind, id: String(item.id), back: `${ANSWERS}&dismissed=1&evil=https://x.example` }, cookie);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/match?${ANSWERS}&dismissed=1#results`);
    expect(await prisma.matchDismissal.count({ where: { userId: user.id, itemKind: item.kind, itemId: item.id } })).toBe(1);

    const after = await page(`?${ANSWERS}&dismissed=1`, cookie);
    expect(after.dismissed).toBe(true);
    expect(keys(after.forAnswers)).not.toContain(`${item.kind}:${item.id}`);
    expect(keys(after.forProfile!)).not.toContain(`${item.kind}:${item.id}`);

    // Pressing it again changes nothing.
    await post({ intent: "dismiss", kind: item.kind, id: String(item.id), back: ANSWERS }, cookie);
    expect(await prisma.matchDismissal.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a 興味なし for something that is not an item, and stores nothing", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    expect((await post({ intent: "dismiss", kind: "user", id: "1", back: ANSWERS }, cookie)).status).toBe(400);
    expect((await post({ intent: "dismiss", kind: "opening", id: "999999", back: ANSWERS }, cookie)).status).toBe(400);
    expect((await post({ intent: "dismiss", kind: "event", id: "-3" }, cookie)).status).toBe(400);
    expect(await prisma.matchDismissal.count({ where: { userId: user.id } })).toBe(0);
  });
});
