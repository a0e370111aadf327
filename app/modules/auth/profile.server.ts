import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { NameField } from "./schemas";

// Only these fields can be changed from the profile form; anything else sent along (role, status, email…)
// is dropped by the strict schema (mass assignment, SECURITY.md row 23).
export const ProfileSchema = z
  .object({
    intent: z.literal("profile"),
    name: NameField,
    locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  })
  .strip();

export async function updateProfile(userId: number, input: { name: string; locale: string }) {
  await prisma.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
}

export async function getMyAccount(userId: number) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      locale: true,
      createdAt: true,
      roles: { select: { role: { select: { name: true } } } },
      memberships: { select: { role: true, group: { select: { id: true, name: true } } } },
      _count: { select: { sessions: true } },
    },
  });
}
