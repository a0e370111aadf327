import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { requireUser, type CurrentUser } from "~/modules/auth/permissions.server";
import { withdrawFromForm, type ParticipationOutcome } from "./outcome";

/**
 * The action of a page residents take part from (an event's dates, an opening's shifts): signed in, either the
 * withdraw intent or the page's own form; invalid input answers 400 with the submission reply (shown beside the
 * form that sent it). `takePart` answers a refusal or throws the post/redirect/get redirect.
 */
export async function participationPageAction<Schema extends z.ZodTypeAny>(
  request: Request,
  options: {
    schema: Schema;
    withdraw: (user: CurrentUser, id: number) => Promise<{ ok: true } | { ok: false; reason: string }>;
    withdrawnMessage: string;
    takePart: (user: CurrentUser, value: z.output<Schema>) => Promise<ParticipationOutcome>;
  },
) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") return withdrawFromForm(formData, (id) => options.withdraw(user, id), options.withdrawnMessage);
  const submission = parseWithZod(formData, { schema: options.schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return options.takePart(user, submission.value);
}
