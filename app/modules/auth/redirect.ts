/**
 * Only a same-origin path may be a redirect target (SECURITY.md row 19): rejects `//x`, `/\x`, `https:x`,
 * `javascript:`, encoded slashes and control characters, falling back to `fallback`.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith("/")) return fallback;
    if (candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  }
  const url = new URL(value, "http://placeholder.invalid");
  if (url.origin !== "http://placeholder.invalid") return fallback;
  const result = `${url.pathname}${url.search}${url.hash}`;
  // URL parsing resolves dot segments ("/.//evil.example" → "//evil.example"): check what we would return too.
  if (!result.startsWith("/") || result.startsWith("//") || result.startsWith("/\\")) return fallback;
  return result;
}
