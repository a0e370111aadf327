import { redirect } from "@remix-run/node";
import { cleanListAddress } from "./url";

/**
 * A list's address without empty parameters: a filter form sent without JavaScript carries every field, filled or
 * not (?area=&type=&audience=…). Such a URL is answered with a 302 to the same list without them, everything else
 * kept, so the address that is shared or bookmarked says only what was chosen.
 */
export function redirectToCleanListAddress(request: Request) {
  const clean = cleanListAddress(new URL(request.url));
  if (clean !== null) throw redirect(clean, 302);
}
