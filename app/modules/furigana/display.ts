// Display settings a reader chooses for themselves: furigana over kanji, a larger text size, high contrast. They
// change only how pages are drawn, so they are kept without an account (a cookie) and, for a signed-in person, on
// the profile too.

export const TEXT_SIZES = ["normal", "large", "xlarge"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const FURIGANA_CHOICES = ["on", "off"] as const;
export type FuriganaChoice = (typeof FURIGANA_CHOICES)[number];

export type DisplayChoice = {
  /** null: not chosen, the language's default applies (on in やさしい日本語, off in Japanese). */
  furigana: FuriganaChoice | null;
  textSize: TextSize;
  highContrast: boolean;
};

export const DEFAULT_DISPLAY: DisplayChoice = { furigana: null, textSize: "normal", highContrast: false };

/** Furigana exist only for Japanese pages; easy Japanese shows them unless the reader turned them off. */
export function furiganaShown(choice: Pick<DisplayChoice, "furigana">, locale: string): boolean {
  if (locale === "ja-x-easy") return choice.furigana !== "off";
  if (locale === "ja") return choice.furigana === "on";
  return false;
}
