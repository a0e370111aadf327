import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { prisma } from "~/utils/db.server";
import { notFound, parseIdParam } from "~/utils/http.server";
import { EASY_JAPANESE, TRANSLATION_STATUS, isTargetLocale, translationSchema, type TranslatableKind } from "~/modules/i18n/content-fields";
import { coverageOf, fieldsUnderReview, getTranslatableItem, isOutdated, saveOrganizerTranslations, translatableFields, translationsOf } from "./translations.server";
import type { FormField } from "./translation-form";

// The organiser's translation page of a place, event or opening: one loader and one action for the three thin
// routes under /manage/groups/:groupId/<kind>s/:id/translations. Members of the owning group only (requireWorkspace:
// anyone else gets the workspace's 404); saving needs the "edit-items" permission like every other item change.

const SEGMENT: Record<TranslatableKind, string> = { place: "places", event: "events", opening: "openings" };

export const itemEditPath = (kind: TranslatableKind, groupId: number, id: number) => `/manage/groups/${groupId}/${SEGMENT[kind]}/${id}`;
export const translationsPath = (kind: TranslatableKind, groupId: number, id: number) => `${itemEditPath(kind, groupId, id)}/translations`;

function chosenLocale(request: Request): string {
  const lang = new URL(request.url).searchParams.get("lang");
  return isTargetLocale(lang) ? lang : EASY_JAPANESE;
}

export async function loadOrganizerTranslations(request: Request, params: Params, kind: TranslatableKind, idParam: string | undefined) {
  const { groupId } = await requireWorkspace(request, params);
  const item = await getTranslatableItem(kind, parseIdParam(idParam), { groupId });
  if (!item) notFound();
  const { t } = await getRequestI18n(request);
  const locale = chosenLocale(request);
  const [rows, underReview, group] = await Promise.all([
    translationsOf(kind, item.id),
    fieldsUnderReview(item),
    prisma.group.findUniqueOrThrow({ where: { id: groupId }, select: { name: true } }),
  ]);
  const fields: FormField[] = translatableFields(item).map((field) => {
    const original = item.originals[field]!;
    const row = rows.find((r) => r.locale === locale && r.field === field && r.status === TRANSLATION_STATUS.approved);
    return { field, original, value: row?.value ?? "", state: "open", outdated: row ? isOutdated(row, original) : false, underReview: underReview.includes(field) };
  });
  const waiting = rows.filter((r) => r.locale === locale && r.status === TRANSLATION_STATUS.pending).map((r) => r.field);
  return {
    meta: { title: t("translation.title", { name: item.title }), siteName: t("site.name") },
    kind,
    group: { id: groupId, name: group.name },
    item: { id: item.id, title: item.title },
    editHref: itemEditPath(kind, groupId, item.id),
    locale,
    languages: coverageOf(item, rows),
    fields,
    waiting,
  };
}

export async function saveOrganizerTranslationsAction(request: Request, params: Params, kind: TranslatableKind, idParam: string | undefined) {
  const { groupId, user } = await requireWorkspace(request, params, "edit-items");
  const item = await getTranslatableItem(kind, parseIdParam(idParam), { groupId });
  if (!item) notFound();
  const formData = await request.formData();
  const locale = formData.get("locale");
  const submission = parseWithZod(formData, { schema: translationSchema(kind, translatableFields(item)) });
  if (!isTargetLocale(locale)) return data({ result: submission.reply({ formErrors: ["errors.invalidChoice"] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await saveOrganizerTranslations({ kind, groupId, id: item.id, locale, values: submission.value, actorId: user.id });
  if (!saved.ok) notFound();
  throw redirect(`${translationsPath(kind, groupId, item.id)}?lang=${encodeURIComponent(locale)}&saved=1`);
}
