// Addresses that can never receive mail. A resident whom staff registered without an email address (代理登録)
// still needs a unique User.email, so they get a placeholder under the ".invalid" top-level domain, which RFC 2606
// reserves for names that must never resolve. Every layer asks here: the outbox never queues mail to such an
// address, pages never show it as the person's address, and sign-in forms refuse it, so no one can sign up, log
// in or reset a password with it. Shared with the browser (form checks), so no server imports.

/** The domain of placeholder addresses made for residents registered by staff without an email address. */
export const PLACEHOLDER_EMAIL_DOMAIN = "resident.invalid";

/** True for every address under the reserved ".invalid" top-level domain (RFC 2606 §2), whatever its case. */
export function isUndeliverableAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at < 0) return false;
  const domain = address.slice(at + 1).trim().replace(/\.$/, "").toLowerCase();
  return domain === "invalid" || domain.endsWith(".invalid");
}

/** The address to show people: null for a placeholder (the person has no email address). */
export function shownAddress(address: string | null | undefined): string | null {
  if (!address || isUndeliverableAddress(address)) return null;
  return address;
}
