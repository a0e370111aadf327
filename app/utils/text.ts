import { z } from "zod";

// One way for every text field of every form to treat what people type (SECURITY.md rows 26–27, §3 items 10,
// 19–21): normalise once (NFC, or NFKC where full-width letters and half-width kana should fold), then refuse
// control characters, drop the invisible format characters that only spoof or hide text, treat a value nothing
// visible is left of as blank, and count length in code points (𠮷 is one character, not two UTF-16 units).
// Messages are i18n keys (common:errors.*), translated where they are shown.

export type TextOptions = {
  /** Most code points allowed, after cleaning. */
  max: number;
  required?: boolean;
  /** Keeps line breaks (at most one blank line in a row); single-line fields fold them into spaces. */
  multiline?: boolean;
  normalization?: "NFC" | "NFKC";
};

export const TEXT_ERRORS = { required: "errors.required", tooLong: "errors.tooLong", control: "errors.invalidCharacters" } as const;

/** C0 and C1 controls, DEL and NUL; tab and line breaks are whitespace people type or paste, not controls. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

// Format characters (\p{Cf}: zero-width space, word joiner, BOM, bidi overrides and isolates, invisible operators,
// U+180E, soft hyphen, tags…) are dropped, except where they are part of what is written: a zero-width joiner
// inside an emoji sequence (👨‍👩‍👧‍👦), a joiner or non-joiner between letters of a script that shapes with them
// (Arabic, Indic), and the tag characters that spell a subdivision flag (🏴 + tags + cancel tag).
const FORMAT = /(\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,6}\u{E007F})|\p{Cf}/gu;
const EMOJI_BEFORE = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
const JOINING = "\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}";
const JOINING_BEFORE = new RegExp(`[${JOINING}]$`, "u");
const JOINING_AFTER = new RegExp(`^[${JOINING}]`, "u");

function dropFormatCharacters(value: string): string {
  return value.replace(FORMAT, (match: string, flag: string | undefined, offset: number) => {
    if (flag) return flag;
    if (match === "\u200D" || match === "\u200C") {
      // A few code units either side are enough to see the neighbours (surrogate pairs, one modifier).
      const before = value.slice(Math.max(0, offset - 4), offset);
      const after = value.slice(offset + 1, offset + 3);
      if (match === "\u200D" && EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after)) return match;
      if (JOINING_BEFORE.test(before) && JOINING_AFTER.test(after)) return match;
    }
    return "";
  });
}

// What a reader sees as nothing: whitespace, format and default-ignorable characters (variation selectors, Hangul
// fillers U+115F/U+1160/U+3164/U+FFA0, combining grapheme joiner…) and the blank Braille pattern. Inside real
// text these stay (渡邊󠄄 keeps its ideographic variation selector); a value made only of them is blank.
const INVISIBLE_ONLY = /^[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

export function codePointLength(value: string): number {
  return [...value].length;
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * The cleaned value, "" when nothing visible is left, or null when it holds control characters. Control
 * characters are refused rather than dropped: a NUL or an escape sequence in a name is never what a person meant.
 */
export function cleanText(raw: string, options: Pick<TextOptions, "multiline" | "normalization"> = {}): string | null {
  const value = raw.normalize(options.normalization ?? "NFC");
  if (hasControlCharacters(value)) return null;
  const visible = dropFormatCharacters(value);
  const folded = options.multiline
    ? visible
        .replace(/\r\n?|[\u2028\u2029]/g, "\n")
        .replace(/\t/g, " ")
        .replace(/\n{3,}/g, "\n\n")
    : visible.replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ");
  const trimmed = folded.trim();
  return INVISIBLE_ONLY.test(trimmed) ? "" : trimmed;
}

function checked(options: TextOptions) {
  return (raw: string | undefined, ctx: z.RefinementCtx): string => {
    const value = cleanText(raw ?? "", options);
    const problem = value === null ? TEXT_ERRORS.control : value === "" ? (options.required ? TEXT_ERRORS.required : null) : codePointLength(value) > options.max ? TEXT_ERRORS.tooLong : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem, fatal: true });
      return z.NEVER;
    }
    return value as string;
  };
}

/**
 * A form text field: cleaned as above, then required / length checked. A blank optional field becomes "".
 * Conform turns an empty input into `undefined` before zod sees it; a required field keeps a plain string
 * underneath so conform's constraints still mark the input required in the browser.
 */
export function text(options: TextOptions & { required: true }): z.ZodEffects<z.ZodString, string, string>;
export function text(options: TextOptions): z.ZodEffects<z.ZodOptional<z.ZodString>, string, string | undefined>;
export function text(options: TextOptions) {
  if (options.required) return z.string({ required_error: TEXT_ERRORS.required, invalid_type_error: TEXT_ERRORS.required }).transform(checked(options));
  return z.string({ invalid_type_error: TEXT_ERRORS.required }).optional().transform(checked(options));
}
