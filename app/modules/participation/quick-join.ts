import type { SubmissionResult } from "@conform-to/react";

// What the quick-join steps answer (shared by the server action and the page): the first step again with its
// errors, or the code step with where the code went and the first step's values to send back with it.

export type JoinAnswer =
  | { step: "details"; result: SubmissionResult<string[]> }
  | { step: "code"; sentTo: string; values: Record<string, string>; result: SubmissionResult<string[]> | undefined };

/** "hanako@example.jp" → "h***@example.jp": enough for the person to recognise their address, not to read it out. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function joinAnswer(actionData: object | undefined): JoinAnswer | undefined {
  return actionData && "join" in actionData ? (actionData.join as JoinAnswer) : undefined;
}
