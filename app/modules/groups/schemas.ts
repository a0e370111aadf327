import { z } from "zod";
import { text } from "~/utils/text";
import { EmailField } from "~/modules/auth/schemas";
import {
  OptionalIdField,
  OptionalPhoneField,
  OptionalUrlField,
  RequiredIdField,
  requiredKana,
} from "~/modules/forms/fields";
import { GROUP_KINDS, GROUP_ROLES } from "./constants";

// Only these fields can be set from a group form. status, approvedAt, members and ids never come from a form:
// unknown keys are dropped (mass assignment, SECURITY.md row 23).

const groupFields = {
  name: text({ max: 100, required: true }),
  nameKana: requiredKana(100),
  kind: z.enum(GROUP_KINDS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  areaId: OptionalIdField,
  description: text({ max: 2000, multiline: true }),
  contactName: text({ max: 50, required: true }),
  contactEmail: EmailField,
  contactPhone: OptionalPhoneField,
  website: OptionalUrlField,
};

export const GroupProfileSchema = z.object(groupFields).strip();
export type GroupProfileInput = z.infer<typeof GroupProfileSchema>;

export const InviteSchema = z
  .object({
    intent: z.literal("invite"),
    email: EmailField,
    role: z.enum(GROUP_ROLES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  })
  .strip();

/** Acting on one member: remove them, make them the owner (transfer), or change their role. */
export const MemberActionSchema = z
  .object({
    intent: z.enum(["remove-member", "transfer-ownership", "make-editor", "make-owner"]),
    userId: RequiredIdField,
  })
  .strip();

export const CancelInviteSchema = z.object({ intent: z.literal("cancel-invite"), inviteId: RequiredIdField }).strip();
