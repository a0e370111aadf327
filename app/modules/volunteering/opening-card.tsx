import { useRubyT } from "~/modules/furigana/ruby";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact, Tag, type CardHeadingLevel, type NameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { When } from "~/components/format";

import type { OpeningCard } from "./queries.server";

export function OpeningCardView({ item, names, headingLevel = 3 }: { item: OpeningCard; names: NameMaps; headingLevel?: CardHeadingLevel }) {
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation();
  const rt = useRubyT();
  const area = item.areaSlug ? names.areas[item.areaSlug] : undefined;
  return (
    <article className="card">
      <p className="card__kicker">{rt(`mode.${item.mode}`)}</p>
      <Heading className="card__title">
        <Link to={`/volunteer/${item.id}`}>
          <Text value={item.title} lang={item.fieldLang.title} />
        </Link>
      </Heading>
      {item.summary ? <Text as="p" className="card__summary" value={item.summary} lang={item.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="calendar" label={rt("card.when")}>
          {item.ongoing ? t("opening.ongoing") : item.nextShift ? <When startsAt={item.nextShift.startsAt} endsAt={item.nextShift.endsAt} /> : t("opening.noShifts")}
          {item.shiftCount > 1 ? <span className="fact__sub">{rt("opening.moreShifts", { count: item.shiftCount })}</span> : null}
        </Fact>
        <Fact icon="pin" label={rt("card.where")}>
          {area ? <Text value={area.name} lang={area.lang} /> : t(`mode.${item.mode}`)}
        </Fact>
        <Fact icon="home" label={rt("card.group")}>
          <span lang="ja">{item.groupName}</span>
        </Fact>
      </dl>
      <p className="tags">
        {item.beginnerFriendly ? <Tag tone="welcome">{rt("tag.beginners")}</Tag> : null}
        {item.schoolFriendly ? <Tag tone="info">{rt("tag.students")}</Tag> : null}
        {item.minAge ? <Tag>{rt("tag.minAge", { age: item.minAge })}</Tag> : null}
        {item.slotsLeft !== null ? (
          <Tag tone={item.slotsLeft === 0 ? "warn" : "info"}>
            {item.slotsLeft === 0 ? t("tag.full") : t("tag.slotsLeft", { count: item.slotsLeft })}
          </Tag>
        ) : null}
      </p>
    </article>
  );
}
