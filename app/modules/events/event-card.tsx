import { useRubyT } from "~/modules/furigana/ruby";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact, Tag, type CardHeadingLevel, type NameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { DayLabel, Fee, Languages, When } from "~/components/format";

import type { OccurrenceCard } from "./queries.server";

export function EventCardView({ item, names, headingLevel = 3 }: { item: OccurrenceCard; names: NameMaps; headingLevel?: CardHeadingLevel }) {
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation();
  const rt = useRubyT();
  const area = item.areaSlug ? names.areas[item.areaSlug] : undefined;
  const cancelled = item.status === "cancelled";
  return (
    <article className={`card${cancelled ? " card--cancelled" : ""}`}>
      <p className="card__kicker">
        <When startsAt={item.startsAt} endsAt={item.endsAt} />
      </p>
      <Heading className="card__title">
        <Link to={`/events/${item.eventId}`}>
          <Text value={item.title} lang={item.fieldLang.title} />
        </Link>
      </Heading>
      {cancelled ? (
        <p className="notice notice--warn">
          <strong>{rt("event.cancelled")}</strong> {item.note}
        </p>
      ) : null}
      {item.status === "moved" && item.originalStartsAt ? (
        <p className="notice notice--info">
          {rt("event.movedFrom")} <DayLabel at={item.originalStartsAt} />
        </p>
      ) : null}
      {item.summary ? <Text as="p" className="card__summary" value={item.summary} lang={item.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="pin" label={rt("card.where")}>
          {item.online ? t("event.online") : null}
          {item.venue ? <Text value={item.venue.name} lang={item.venue.lang} /> : null}
          {area ? (
            <span className="fact__sub">
              <Text value={area.name} lang={area.lang} />
            </span>
          ) : null}
        </Fact>
        <Fact icon="people" label={rt("card.forWhom")}>
          {item.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
        </Fact>
        <Fact icon="yen" label={rt("card.fee")}>
          <Fee fee={item.fee} />
        </Fact>
        <Fact icon="chat" label={rt("card.languages")}>
          <Languages codes={item.languages} />
        </Fact>
      </dl>
      <p className="tags">
        {item.beginnerFriendly ? <Tag tone="welcome">{rt("tag.beginners")}</Tag> : null}
        {item.registrationRequired ? <Tag tone="warn">{rt("tag.registration")}</Tag> : <Tag>{rt("tag.dropIn")}</Tag>}
        {item.placesLeft !== null && !cancelled ? (
          <Tag tone={item.placesLeft === 0 ? "warn" : "info"}>
            {item.placesLeft === 0 ? t("tag.full") : t("tag.placesLeft", { count: item.placesLeft })}
          </Tag>
        ) : null}
      </p>
    </article>
  );
}
