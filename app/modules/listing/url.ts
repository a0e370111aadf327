import type { ListOffer, Sort } from "./constants";

// The address of a list is its state: filters, sort and page are GET parameters, so a list can be shared,
// bookmarked and used without JavaScript. These helpers keep that address short and readable.

/** The parameters without the empty ones (a select left at すべて, a blank date), in their original order. */
export function withoutEmptyParams(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (value.trim() !== "") kept.append(key, value);
  return kept;
}

/**
 * The cleaned address ("/places?area=fujimi") when the URL carries empty parameters, or null when it is already
 * clean. A form sent without JavaScript sends every field, filled or not; the list answers with a redirect to this.
 */
export function cleanListAddress(url: URL): string | null {
  const kept = withoutEmptyParams(url.searchParams);
  if (kept.toString() === url.searchParams.toString()) return null;
  const qs = kept.toString();
  return qs ? `${url.pathname}?${qs}` : url.pathname;
}

function address(pathname: string, params: URLSearchParams) {
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/** The same list without one filter (a chip's link), back on page 1. */
export function addressWithout(pathname: string, search: string, names: readonly string[]): string {
  const params = withoutEmptyParams(new URLSearchParams(search));
  for (const name of [...names, "page"]) params.delete(name);
  return address(pathname, params);
}

/**
 * The sort a list actually uses: the one asked for if this list offers it, else distance when the resident gave an
 * area to measure from and the list can sort by it, else the list's default (its first). An order another list
 * offers (?sort=name on a list without names to sort) falls back like an unknown one.
 */
export function effectiveSort(offer: ListOffer, asked: { sort?: Sort; near?: string }): Sort {
  const canNear = offer.sorts.includes("near") && Boolean(asked.near);
  if (asked.sort && offer.sorts.includes(asked.sort) && (asked.sort !== "near" || canNear)) return asked.sort;
  return canNear ? "near" : offer.sorts[0]!;
}

/** The sort orders a list shows right now: distance only once there is an area to measure from. */
export function offeredSorts(offer: ListOffer, near: string | undefined): Sort[] {
  return offer.sorts.filter((s) => s !== "near" || Boolean(near));
}

/** The same list in another order, back on page 1; the default order leaves the parameter out. */
export function addressSortedBy(pathname: string, search: string, offer: ListOffer, sort: Sort): string {
  const params = withoutEmptyParams(new URLSearchParams(search));
  params.delete("page");
  // With an area to measure from, distance becomes the default, so the list's own default must then be named.
  const isDefault = sort === effectiveSort(offer, { near: params.get("near") ?? undefined });
  if (isDefault) params.delete("sort");
  else params.set("sort", sort);
  return address(pathname, params);
}
