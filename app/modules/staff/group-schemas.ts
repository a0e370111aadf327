import { z } from "zod";
import { GROUP_TRANSITIONS, type GroupTransition } from "~/modules/publishing/status";
import { text } from "~/utils/text";

// The decision form of a group's staff page: which step (publishing's group transitions) and why. Whether the step
// needs a reason is publishing's rule (REASON_REQUIRED); the transition answers "reason-required" when it is missing.

const STEPS = Object.keys(GROUP_TRANSITIONS) as [GroupTransition, ...GroupTransition[]];

export const GroupDecisionSchema = z.object({
  intent: z.enum(STEPS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reason: text({ max: 500, multiline: true }),
});
