import { prisma } from "~/utils/db.server";

// Demo people have a password printed in the README. While any of them exist, every page says so (root loader),
// so nobody mistakes a demo for the council's real portal or types real details into it.
const RECHECK_MS = 60_000;
let known: { at: number; value: boolean } | undefined;

export async function demoPeopleExist(now = Date.now()): Promise<boolean> {
  if (known && now - known.at < RECHECK_MS) return known.value;
  const value = (await prisma.user.findFirst({ where: { demo: true }, select: { id: true } })) !== null;
  known = { at: now, value };
  return value;
}
