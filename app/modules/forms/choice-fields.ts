import { z } from "zod";
import { idFrom } from "~/utils/ids";

// Fields chosen rather than typed (selects, checkboxes, radios), for any form: organisers' and residents' alike.
// Their messages are common:errors.* keys only, so a page using them needs no other namespace.

/** A database id chosen in a select; blank → null. Whether it is an allowed choice is checked on the server. */
export const OptionalIdField = z
  .string({ invalid_type_error: "errors.invalidChoice" })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return null;
    const id = idFrom(v);
    if (id === null) {
      ctx.addIssue({ code: "custom", message: "errors.invalidChoice", fatal: true });
      return z.NEVER;
    }
    return id;
  });

export const RequiredIdField = OptionalIdField.refine((v): v is number => v !== null, "errors.required").transform((v) => v as number);

/** Several ids from checkboxes sharing a name (conform gives a string for one, an array for more). */
// A field that refuses a value aborts the parse (fatal), so a refine added after it never sees z.NEVER.
export const IdListField = z
  .union([z.string(), z.array(z.string())], { invalid_type_error: "errors.invalidChoice" })
  .optional()
  .transform((v, ctx) => {
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (list.length > 50 || list.some((s) => !/^[1-9]\d{0,9}$/.test(s))) {
      ctx.addIssue({ code: "custom", message: "errors.invalidChoice", fatal: true });
      return z.NEVER;
    }
    return [...new Set(list.map(Number))];
  });

/** Several values from a fixed list (languages, weekdays). */
export function enumList<T extends string>(values: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())], { invalid_type_error: "errors.invalidChoice" })
    .optional()
    .transform((v, ctx) => {
      const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
      if (list.some((s) => !(values as readonly string[]).includes(s))) {
        ctx.addIssue({ code: "custom", message: "errors.invalidChoice", fatal: true });
        return z.NEVER;
      }
      // Keep the list's own order, so the stored value does not depend on the order the browser sent.
      return values.filter((x) => list.includes(x));
    });
}

/** A checkbox: "on" when ticked, absent otherwise. */
export const CheckboxField = z
  .string()
  .optional()
  .transform((v) => v === "on");
