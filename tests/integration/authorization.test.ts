import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { requireGroupRole, requireStaff } from "~/modules/auth/permissions.server";
import { action as meAction, loader as meLoader } from "~/routes/me._index";
import { loader as rootLoader } from "~/root";
import { loader as placeLoader } from "~/routes/places.$id";
import { postForm, requestWithCookie, responseOf } from "../support/auth";
import { addMember, createResident, createSession, createStaff } from "../support/factories";

async function thrown(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

describe("group roles are checked on the server (rows 21–22)", () => {
  it("a member of group B asking for group A's workspace gets 404, exactly like a group that does not exist", async () => {
    const [groupA, groupB] = await prisma.group.findMany({ orderBy: { id: "asc" }, take: 2, select: { id: true } });
    const user = await createResident();
    await addMember(groupB!, user, "owner");
    const cookie = await createSession(user);
    const foreign = await thrown(() => requireGroupRole(requestWithCookie("/manage", cookie), groupA!.id, "editor"));
    const missing = await thrown(() => requireGroupRole(requestWithCookie("/manage", cookie), 999_999, "editor"));
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    const own = await requireGroupRole(requestWithCookie("/manage", cookie), groupB!.id, "owner");
    expect(own.groupRole).toBe("owner");
  });

  it("an editor is not an owner", async () => {
    const group = await prisma.group.findFirstOrThrow({ select: { id: true } });
    const user = await createResident();
    await addMember(group, user, "editor");
    const cookie = await createSession(user);
    expect((await requireGroupRole(requestWithCookie("/manage", cookie), group.id, "editor")).groupRole).toBe("editor");
    expect((await thrown(() => requireGroupRole(requestWithCookie("/manage", cookie), group.id, "owner"))).status).toBe(404);
  });

  it("staff-only helpers answer residents 404, as for a page that does not exist, and send visitors to /login", async () => {
    const resident = await createResident();
    const residentCookie = await createSession(resident);
    expect((await thrown(() => requireStaff(requestWithCookie("/staff", residentCookie)))).status).toBe(404);
    const anonymous = await thrown(() => requireStaff(requestWithCookie("/staff")));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff");
    const staff = await createStaff();
    expect((await requireStaff(requestWithCookie("/staff", await createSession(staff)))).roles).toContain("staff");
  });
});

describe("mass assignment is ignored (row 23)", () => {
  it("extra fields on the profile form (role, status, email, id) change nothing but name and language", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const outcome = await postForm(
      meAction,
      "/me",
      { intent: "profile", name: "新しい 名前", locale: "en", role: "staff", roles: "admin", status: "suspended", email: "hijack@example.jp", id: "1", emailVerifiedAt: "" },
      { cookie },
    );
    expect(responseOf(outcome).status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { name: true, locale: true, status: true, email: true, roles: { select: { role: { select: { name: true } } } } },
    });
    expect(after).toMatchObject({ name: "新しい 名前", locale: "en", status: "active", email: user.email });
    expect(after.roles.map((r) => r.role.name)).toEqual(["resident"]);
  });

  it("an unsupported language is refused with a translated error and nothing is saved", async () => {
    const user = await createResident({ name: "元の 名前" });
    const outcome = await postForm(meAction, "/me", { intent: "profile", name: "別の 名前", locale: "xx" }, { cookie: await createSession(user) });
    expect(JSON.stringify(outcome.data)).toContain("errors.invalidChoice");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe("元の 名前");
  });
});

describe("loaders send only what the page needs (row 24)", () => {
  it("the root loader tells the header only a name and whether to offer the group workspace: no id, email, roles, staff flag or session", async () => {
    const user = await createResident({ name: "表示 名前" });
    const cookie = await createSession(user);
    const result = await rootLoader({ request: requestWithCookie("/", cookie), params: {}, context: {} });
    expect(result.data.user).toEqual({ name: "表示 名前", manages: false });
    const json = JSON.stringify(result.data);
    expect(json).not.toContain(user.email);
    expect(json).not.toContain(cookie.split("=")[1]!);
  });

  it("/me shows the resident's own account only, and no hashes", async () => {
    const user = await createResident();
    const other = await createResident();
    const data = await meLoader({ request: requestWithCookie("/me", await createSession(user)), params: {}, context: {} });
    const json = JSON.stringify(data);
    expect(json).toContain(user.email);
    expect(json).not.toContain(other.email);
    expect(json).not.toMatch(/argon2|"hash"|"id":/);
  });

  it("public place pages carry no member, contact-person account or internal fields", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { status: "published", group: { status: "approved" } }, select: { id: true } });
    const data = await placeLoader({ request: requestWithCookie(`/places/${place.id}`), params: { id: String(place.id) }, context: {} });
    const keys = Object.keys(data.place).sort();
    expect(keys).not.toContain("groupId");
    expect(keys).not.toContain("status");
    expect(keys).not.toContain("createdAt");
    expect(JSON.stringify(data)).not.toMatch(/@example\.jp".*"role"|passwordHash|argon2/);
  });
});
