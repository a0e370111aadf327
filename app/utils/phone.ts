// Phone numbers as people type them on a phone or a PC keyboard in Japan: full-width digits, every dash look-alike.

/** NFKC, every dash look-alike (‐ ｰ ー − –) becomes "-", spaces collapsed. */
export function normalizePhone(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70\u2500]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** 9–15 digits with an optional leading +, dashes, spaces and parentheses (a normalised value). */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[\d\-() ]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 9 && digits <= 15;
}
