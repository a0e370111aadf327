import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { When } from "~/components/format";
import { Fact, type CardHeadingLevel } from "~/components/item-facts";
import { Text } from "~/components/text";
import { MatchReasons, type ReasonNames } from "./match-reasons";
import type { Reason } from "./types";

// One proposal on /match, the home page and the resident's page: what it is, when and where, who runs it, why it is
// proposed (the reasons, read out with the title link), and a slot for the 「興味なし」 control.

/** What a card needs of a Recommendation (recommend.server.ts), as the page receives it. */
export type RecommendationView = {
  kind: "opening" | "event" | "place";
  id: number;
  href: string;
  title: string;
  fieldLang: { title: string; groupName: string; areaName: string };
  groupName: string;
  areaName: string | null;
  mode: string;
  startsAt: string | null;
  reasons: Reason[];
};

/** The kind in the words of the site's menu (common namespace, on every page). */
const KIND_LABEL = { opening: "nav.volunteer", event: "nav.events", place: "nav.places" } as const;

export function RecommendationCard({
  item,
  names,
  headingLevel = 3,
  children,
}: {
  item: RecommendationView;
  names: ReasonNames;
  headingLevel?: CardHeadingLevel;
  /** The 「興味なし」 control, when the page offers one. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const reasonsId = `why-${item.kind}-${item.id}`;
  return (
    <article className="card match-card" data-item={`${item.kind}:${item.id}`}>
      <p className="card__kicker">{t(KIND_LABEL[item.kind])}</p>
      <Heading className="card__title">
        <Link to={item.href} aria-describedby={item.reasons.length ? reasonsId : undefined}>
          <Text value={item.title} lang={item.fieldLang.title} />
        </Link>
      </Heading>
      <dl className="facts">
        {item.startsAt ? (
          <Fact icon="calendar" label={t("card.when")}>
            <When startsAt={item.startsAt} />
          </Fact>
        ) : null}
        <Fact icon="pin" label={t("card.where")}>
          {item.areaName ? <Text value={item.areaName} lang={item.fieldLang.areaName} /> : t(`mode.${item.mode}`)}
        </Fact>
        <Fact icon="home" label={t("card.group")}>
          <Text value={item.groupName} lang={item.fieldLang.groupName} />
        </Fact>
      </dl>
      <MatchReasons reasons={item.reasons} names={names} id={reasonsId} />
      {children ? <div className="match-card__actions">{children}</div> : null}
    </article>
  );
}

/** Proposals as cards, or the page's own words when there are none; `action` adds a control to each card (「興味なし」). */
export function RecommendationCards<T extends RecommendationView>({ items, names, empty, action }: { items: readonly T[]; names: ReasonNames; empty: string; action?: (item: T) => ReactNode }) {
  if (!items.length) return <p className="empty">{empty}</p>;
  return (
    <div className="cards">
      {items.map((item) => (
        <RecommendationCard key={`${item.kind}:${item.id}`} item={item} names={names}>
          {action?.(item)}
        </RecommendationCard>
      ))}
    </div>
  );
}
