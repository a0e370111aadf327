import { getZodConstraint } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { requiredKana } from "~/modules/forms/fields";
import { cleanText, codePointLength, text } from "./text";

const parse = (schema: z.ZodTypeAny, value: string | undefined) => {
  const out = schema.safeParse(value);
  return out.success ? { value: out.data } : { errors: out.error.issues.map((i) => i.message) };
};

describe("text fields: normalise, then validate", () => {
  const name = text({ max: 10, required: true });
  const note = text({ max: 10 });
  const body = text({ max: 100, multiline: true });

  it.each([
    ["word joiner", "\u2060"],
    ["zero-width space", "\u200b"],
    ["BOM", "\ufeff"],
    ["zero-width (non-)joiners", "\u200c\u200d"],
    ["LRM / RLM", "\u200e\u200f"],
    ["invisible operators", "\u2061\u2062\u2063\u2064"],
    ["Mongolian vowel separator", "\u180e"],
    ["Hangul fillers", "\u3164\u115f\u1160\uffa0"],
    ["variation selectors", "\ufe0f\u{e0100}"],
    ["tag characters", "\u{e0041}\u{e007f}"],
    ["bidi overrides and isolates", "\u202a\u202e\u2066\u2069"],
    ["combining grapheme joiner and soft hyphen", "\u034f\u00ad"],
    ["blank Braille pattern", "\u2800"],
    ["whitespace of every kind", " \t\u3000\u00a0\u2003\n"],
  ])("a value of only %s is blank: required → errors.required, optional → empty", (_what, value) => {
    expect(parse(name, value)).toEqual({ errors: ["errors.required"] });
    expect(parse(note, value)).toEqual({ value: "" });
  });

  it("treats a missing field like a blank one", () => {
    expect(parse(name, undefined)).toEqual({ errors: ["errors.required"] });
    expect(parse(note, undefined)).toEqual({ value: "" });
  });

  it.each([
    ["NUL", "山田\u0000花子"],
    ["a lone NUL", "\u0000"],
    ["BEL", "a\u0007"],
    ["ESC (ANSI colours)", "\u001b[31m赤"],
    ["DEL", "a\u007fb"],
    ["C1 (U+0085, U+009B)", "a\u0085\u009b"],
    ["vertical tab and form feed", "a\u000b\u000cb"],
  ])("refuses control characters (%s), in single- and multi-line fields", (_what, value) => {
    expect(parse(name, value)).toEqual({ errors: ["errors.invalidCharacters"] });
    expect(parse(note, value)).toEqual({ errors: ["errors.invalidCharacters"] });
    expect(parse(body, value)).toEqual({ errors: ["errors.invalidCharacters"] });
  });

  it("drops invisible characters inside a value and keeps what is written", () => {
    expect(parse(name, "\u200b山田\u202e太郎\u200d\u2066")).toEqual({ value: "山田太郎" });
    expect(parse(name, "\ufeff社協\u2060事務局\u200b")).toEqual({ value: "社協事務局" });
  });

  it("keeps emoji sequences, subdivision flags, ideographic variation selectors and joiners in scripts that need them", () => {
    const family = "👨‍👩‍👧‍👦";
    const wales = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}";
    expect(cleanText(`${family}と${wales}`)).toBe(`${family}と${wales}`);
    expect(cleanText("渡邊󠄄")).toBe("渡邊󠄄");
    expect(cleanText("क्\u200Dष")).toBe("क्\u200Dष");
    expect(cleanText("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    expect(cleanText("a\u200Db")).toBe("ab");
  });

  it("folds line breaks and tabs to single spaces on one line; keeps paragraphs in multi-line text", () => {
    expect(cleanText("山田\r\nBcc: x@evil")).toBe("山田 Bcc: x@evil");
    expect(cleanText("a\r\n\r\n\r\n\tb\u2028c", { multiline: true })).toBe("a\n\n b\nc");
    expect(cleanText("  a \t  b  ")).toBe("a b");
  });

  it("normalises to NFC, or NFKC when asked", () => {
    expect(cleanText("か\u3099")).toBe("が");
    expect(cleanText("ｶﾌｪ ＡＢＣ")).toBe("ｶﾌｪ ＡＢＣ");
    expect(cleanText("ｶﾌｪ ＡＢＣ", { normalization: "NFKC" })).toBe("カフェ ABC");
  });

  it("counts length in code points: 𠮷 is one character", () => {
    expect(codePointLength("𠮷野")).toBe(2);
    expect(parse(name, "𠮷".repeat(10))).toEqual({ value: "𠮷".repeat(10) });
    expect(parse(name, "𠮷".repeat(11))).toEqual({ errors: ["errors.tooLong"] });
    expect(parse(note, "a".repeat(11))).toEqual({ errors: ["errors.tooLong"] });
  });

  it("answers a non-string with a translated error, not zod's English default", () => {
    expect(text({ max: 5 }).safeParse(5).error?.issues.map((i) => i.message)).toEqual(["errors.required"]);
  });

  it("keeps the browser's required hint on required fields (conform reads it from the schema)", () => {
    const constraint = getZodConstraint(z.object({ name: text({ max: 5, required: true }), note: text({ max: 5 }), kana: requiredKana(5) }));
    expect(constraint.name?.required).toBe(true);
    expect(constraint.kana?.required).toBe(true);
    expect(constraint.note?.required).toBe(false);
  });
});
