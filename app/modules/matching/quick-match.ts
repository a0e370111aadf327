import { answersToSearchParams, isEmptyAnswers, parseAnswers, type MatchAnswers } from "./answers";
import { itemKey, type ItemKey, type ItemKind } from "./types";

// The /match page's own URL parts, shared by the server and the page's forms: the 「興味なし」 list of a visitor
// without an account (hide=o12.e3.p5, in the address like the answers, so a shared or printed result shows the
// same list) and the sign-up link that carries the answers into a new profile.

export const HIDE_PARAM = "hide";
/** The answers passed to /signup, as one parameter holding /match's own query string. */
export const SIGNUP_MATCH_PARAM = "match";
const MAX_HIDDEN = 50;

const LETTER: Record<ItemKind, string> = { opening: "o", event: "e", place: "p" };
const KIND_OF: Record<string, ItemKind> = { o: "opening", e: "event", p: "place" };

export const hiddenCode = (kind: ItemKind, id: number) => `${LETTER[kind]}${id}`;

/** The items a visitor without an account set aside, from the address; anything unreadable is left out. */
export function parseHidden(params: URLSearchParams): Set<ItemKey> {
  const keys = new Set<ItemKey>();
  for (const code of params.getAll(HIDE_PARAM).flatMap((v) => v.split(/[.,\s]+/))) {
    const m = /^([oep])([1-9]\d{0,9})$/.exec(code.trim().toLowerCase());
    if (m && keys.size < MAX_HIDDEN) keys.add(itemKey(KIND_OF[m[1]!]!, Number(m[2])));
  }
  return keys;
}

function hiddenValue(keys: Iterable<ItemKey>): string {
  return [...keys]
    .map((key) => {
      const [kind, id] = key.split(":");
      return hiddenCode(kind as ItemKind, Number(id));
    })
    .join(".");
}

/**
 * /match's address for these answers and hidden items, rebuilt from what could be read (never the raw query, so
 * nothing but /match's own parameters travels on).
 */
export function matchSearch(answers: MatchAnswers, hidden: Iterable<ItemKey> = []): string {
  const params = answersToSearchParams(answers);
  const hide = hiddenValue(hidden);
  if (hide) params.set(HIDE_PARAM, hide);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The same address with one more item set aside (the 「興味なし」 button of a visitor without an account). */
export function withHidden(search: string, kind: ItemKind, id: number): string {
  const params = new URLSearchParams(search);
  return matchSearch(parseAnswers(params), new Set([...parseHidden(params), itemKey(kind, id)]));
}

/** The link to sign up keeping the answers: /signup?match=like%3Delderly%26when%3Dweekday-am */
export function signupWithAnswers(answers: MatchAnswers): string {
  const query = answersToSearchParams(answers).toString();
  return query ? `/signup?${new URLSearchParams({ [SIGNUP_MATCH_PARAM]: query })}` : "/signup";
}

/** The answers a sign-up form carries (the `match` value), or null when it holds none. */
export function answersFromSignup(value: string | null | undefined): MatchAnswers | null {
  if (!value || value.length > 1000) return null;
  const answers = parseAnswers(new URLSearchParams(value));
  return isEmptyAnswers(answers) ? null : answers;
}
