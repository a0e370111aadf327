import { getGroupHeader } from "~/modules/groups/groups.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { tokyoDateKey } from "~/utils/dates";
import { getFormOptions } from "~/modules/taxonomy/choices.server";
import { SAVE_INTENT } from "~/modules/publishing/status";
import { ITEM_STATUS } from "~/modules/publishing/visibility";

// What every item form page loads besides the item: translations, the group's name, the choices, and "today".

export async function loadFormPage(request: Request, groupId: number) {
  const { t, locale } = await getRequestI18n(request);
  const [group, options] = await Promise.all([getGroupHeader(groupId), getFormOptions(groupId, locale)]);
  return { t, group, options, today: tokyoDateKey(new Date()) };
}

/** Where a successful save goes: the workspace after a submission, back to the item after a plain save. */
export function afterSave(groupId: number, kind: "places" | "events" | "openings", id: number, intent: string, status: string): string {
  if (intent === SAVE_INTENT.submit && status === ITEM_STATUS.pending) return `/manage/groups/${groupId}?saved=pending`;
  return `/manage/groups/${groupId}/${kind}/${id}?saved=1`;
}
