import { prisma } from "~/utils/db.server";

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
