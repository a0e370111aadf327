import { parseWithZod } from "@conform-to/zod";
import { WithdrawSchema } from "./schemas";

// What the apply (opening) and register (event) pages tell the resident after a participation action: one shape for
// both, so the two detail pages show refusals, withdrawals and the post-redirect outcome the same way.

export type ParticipationOutcome = { message: string; tone: "info" | "warn" };

const REFUSED = "participation.refused";

export function refused(reason: string): ParticipationOutcome {
  return { message: `${REFUSED}.${reason}`, tone: "warn" };
}

/**
 * After the post/redirect/get (?applied=<shift id>, ?registered=<date id>): what the database says happened to the
 * resident's application or registration for the id in the address, if it is still live.
 */
export function outcomeAfterRedirect<T extends { status: string }>(
  sentId: string | null,
  mine: T[],
  idOf: (item: T) => number,
  liveStatuses: readonly string[],
  messagePrefix: string,
): ParticipationOutcome | null {
  const status = sentId ? mine.find((m) => String(idOf(m)) === sentId)?.status : undefined;
  return status && liveStatuses.includes(status) ? { message: `${messagePrefix}.${status}`, tone: "info" } : null;
}

/** The withdraw intent of either page: the id comes from the form, the owner check from `withdraw` (the session user). */
export async function withdrawFromForm(
  formData: FormData,
  withdraw: (id: number) => Promise<{ ok: true } | { ok: false; reason: string }>,
  doneMessage: string,
): Promise<ParticipationOutcome> {
  const submission = parseWithZod(formData, { schema: WithdrawSchema });
  if (submission.status !== "success") return refused("not-found");
  const result = await withdraw(submission.value.id);
  return result.ok ? { message: doneMessage, tone: "info" } : refused(result.reason);
}
