import type { SubmissionResult } from "@conform-to/react";

export type Notice = { message: string; tone: "info" | "warn"; count?: number };

/**
 * The notice an organiser's participant page shows after a button: the action's own notice, or, for a form answered
 * with errors (400, `{ result }`), its form-level message. The page's controls are single buttons and one-line
 * inputs, so the message names what to fix.
 */
export function noticeOf<N extends Notice>(actionData: N | { result: SubmissionResult<string[]> } | undefined): N | Notice | null {
  if (!actionData) return null;
  if ("result" in actionData) return { message: actionData.result.error?.[""]?.[0] ?? "manageApplicants.badInput", tone: "warn" };
  return actionData;
}
