import type { TFunction } from "i18next";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Text } from "~/components/text";
import type { Reason } from "./types";

// Why an item is proposed, in the reader's language: 「土曜の午前に参加できます」「あなたの地区です」. The ranking gives
// codes and ids (types.ts Reason); the words are the "matching" namespace's, the names of categories, audiences and
// areas come from the localized taxonomy the page passes in (getTaxonomy(locale)), languages from common's
// language.* names. A page showing reasons declares "matching" in handle.i18n.

/** A name from the localized taxonomy, with the language it is really in (Japanese when not translated). */
export type ReasonName = { id: number; name: string; lang?: string };
export interface ReasonNames {
  categories: readonly ReasonName[];
  audiences: readonly ReasonName[];
  areas: readonly ReasonName[];
}

/**
 * Only the names these reasons mention, from a localized taxonomy: what a page's loader sends with its proposals
 * (the whole taxonomy carries every town list and map position, which the reasons never show).
 */
export function reasonNames(taxonomy: ReasonNames, reasons: readonly (readonly Reason[])[]): ReasonNames {
  const wanted = { categories: new Set<number>(), audiences: new Set<number>(), areas: new Set<number>() };
  for (const list of reasons) {
    for (const reason of list) {
      const v = reason.values ?? {};
      if (reason.code === "interest") wanted.categories.add(Number(v.category));
      else if (reason.code === "audience") wanted.audiences.add(Number(v.audience));
      else if (reason.code === "near") wanted.areas.add(Number(v.area));
    }
  }
  const pick = (list: readonly ReasonName[], ids: Set<number>) => list.filter((n) => ids.has(n.id)).map(({ id, name, lang }) => ({ id, name, lang }));
  return { categories: pick(taxonomy.categories, wanted.categories), audiences: pick(taxonomy.audiences, wanted.audiences), areas: pick(taxonomy.areas, wanted.areas) };
}

/** A value inside a reason's sentence: a name, possibly in another language than the page. */
type Part = { text: string; lang?: string };

const MARK = "\u2063";

function partOf(reason: Reason, names: ReasonNames, t: TFunction): { key: string; part?: Part } | null {
  const v = reason.values ?? {};
  const find = (list: readonly ReasonName[], id: unknown) => list.find((n) => n.id === Number(id));
  switch (reason.code) {
    case "interest": {
      const c = find(names.categories, v.category);
      return c ? { key: "category", part: { text: c.name, lang: c.lang } } : null;
    }
    case "audience": {
      const a = find(names.audiences, v.audience);
      return a ? { key: "audience", part: { text: a.name, lang: a.lang } } : null;
    }
    case "near": {
      const a = find(names.areas, v.area);
      return a ? { key: "area", part: { text: a.name, lang: a.lang } } : null;
    }
    case "skill":
      // Skills are the resident's and the group's own words, in Japanese.
      return typeof v.skill === "string" && v.skill ? { key: "skill", part: { text: v.skill, lang: "ja" } } : null;
    case "language":
      return typeof v.language === "string" ? { key: "language", part: { text: t(`language.${v.language}`, { defaultValue: v.language }) } } : null;
    default:
      return { key: "" };
  }
}

/** The options of a reason's sentence other than its name part (weekday and band, count). */
function options(reason: Reason, t: TFunction): Record<string, string | number> {
  const v = reason.values ?? {};
  if (reason.code === "time") return { weekday: t(`matching.weekday.${v.weekday}`), band: t(`matching.band.${v.band}`) };
  if (reason.code === "few-left") return { count: Number(v.count) };
  return {};
}

/**
 * A reason as plain text (emails, titles): null when it names something the page does not know (a category that
 * was removed since), so nothing half-written is shown.
 */
export function reasonText(t: TFunction, reason: Reason, names: ReasonNames): string | null {
  const found = partOf(reason, names, t);
  if (!found) return null;
  const values = { ...options(reason, t), ...(found.part ? { [found.key]: found.part.text } : {}) };
  return t(`matching.reason.${reason.code}`, values);
}

/** The same sentence with its name part marked up in its own language (lang="ja" for an untranslated name). */
function reasonNode(t: TFunction, reason: Reason, names: ReasonNames): ReactNode | null {
  const found = partOf(reason, names, t);
  if (!found) return null;
  if (!found.part) return t(`matching.reason.${reason.code}`, options(reason, t));
  const text = t(`matching.reason.${reason.code}`, { ...options(reason, t), [found.key]: MARK });
  const [before, after] = text.split(MARK);
  return (
    <>
      {before}
      <Text value={found.part.text} lang={found.part.lang} />
      {after ?? ""}
    </>
  );
}

/**
 * The first `max` reasons of a proposal as a short list. `id` lets a card point at it (aria-describedby) so a screen
 * reader hears the reasons with the link.
 */
export function MatchReasons({ reasons, names, max = 3, id, className = "match-reasons" }: { reasons: readonly Reason[]; names: ReasonNames; max?: number; id?: string; className?: string }) {
  const { t } = useTranslation();
  const shown: { key: string; node: ReactNode }[] = [];
  for (const reason of reasons) {
    if (shown.length >= max) break;
    const node = reasonNode(t, reason, names);
    if (node !== null) shown.push({ key: `${reason.code}:${shown.length}`, node });
  }
  if (!shown.length) return null;
  return (
    <ul className={className} id={id} aria-label={t("matching.reasonsLabel")}>
      {shown.map((s) => (
        <li key={s.key}>
          <Fragment>{s.node}</Fragment>
        </li>
      ))}
    </ul>
  );
}
