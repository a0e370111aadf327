import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loader } from "~/routes/_index";
import { requestWithCookie } from "../support/auth";
import { createResident, createSession } from "../support/factories";
import { renderRoutes } from "../support/render-app";

// 「あなたへのおすすめ」 on the home page: for a signed-in resident only; everyone else gets the same public page.

describe("home page proposals", () => {
  it("are absent for a visitor without a session", async () => {
    const data = await loader({ request: requestWithCookie("/"), params: {}, context: {} });
    expect(data.forYou).toBeNull();
    const app = await renderRoutes(["_index"]);
    const html = await (await app.handle(requestWithCookie("/"))).text();
    expect(html).not.toContain('id="for-you"');
    // The way in to the quick match is there for everyone.
    expect(html).toContain('href="/match"');
  });

  it("show three items with their reasons to a signed-in resident, with a link to /match", async () => {
    const user = await createResident();
    const elderly = await prisma.category.findFirstOrThrow({ where: { slug: "elderly" }, select: { id: true } });
    await prisma.profile.update({ where: { userId: user.id }, data: { interests: { connect: [{ id: elderly.id }] } } });
    const cookie = await createSession(user);
    const data = await loader({ request: requestWithCookie("/", cookie), params: {}, context: {} });
    expect(data.forYou).toHaveLength(3);
    expect(data.forYou!.every((item) => item.reasons.length > 0)).toBe(true);

    const app = await renderRoutes(["_index"]);
    const response = await app.handle(requestWithCookie("/", cookie));
    const html = await response.text();
    expect(html).toContain('<h2 id="for-you">あなたへのおすすめ</h2>');
    expect(html).toMatch(/<a [^>]*href="\/match"[^>]*>もっと見る・条件を変える<\/a>/);
    expect(html).toContain(`href="${data.forYou![0]!.href}"`);
  });
});
