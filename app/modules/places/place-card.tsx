import { useRubyT } from "~/modules/furigana/ruby";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact, Tag, type CardHeadingLevel, type NameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { Fee, Languages, When } from "~/components/format";
import type { PlaceCard } from "./queries.server";

/** `scheduleText`: the regular schedule in words, from withScheduleText in the loader. */
export function PlaceCardView({ place, names, headingLevel = 3 }: { place: PlaceCard & { scheduleText: string }; names: NameMaps; headingLevel?: CardHeadingLevel }) {
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation();
  const rt = useRubyT();
  const type = names.placeTypes[place.typeSlug];
  const area = place.areaSlug ? names.areas[place.areaSlug] : undefined;
  const next = place.nextDates[0];
  return (
    <article className="card">
      <p className="card__kicker">{type ? <Text value={type.name} lang={type.lang} /> : null}</p>
      <Heading className="card__title">
        <Link to={`/places/${place.id}`}>
          <Text value={place.name} lang={place.fieldLang.name} />
        </Link>
      </Heading>
      {place.summary ? <Text as="p" className="card__summary" value={place.summary} lang={place.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="calendar" label={rt("card.when")}>
          {next ? <When startsAt={next.startsAt} endsAt={next.endsAt} /> : t("card.askSchedule")}
          {place.scheduleText ? <span className="fact__sub">{place.scheduleText}</span> : null}
        </Fact>
        <Fact icon="pin" label={rt("card.where")}>
          {area ? <Text value={area.name} lang={area.lang} /> : t("card.areaUnknown")}
        </Fact>
        <Fact icon="people" label={rt("card.forWhom")}>
          {place.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
        </Fact>
        <Fact icon="yen" label={rt("card.fee")}>
          <Fee fee={place.fee} />
        </Fact>
        <Fact icon="chat" label={rt("card.languages")}>
          <Languages codes={place.languages} />
        </Fact>
      </dl>
      <p className="tags">
        {place.beginnerFriendly ? <Tag tone="welcome">{rt("tag.beginners")}</Tag> : null}
        {place.wheelchairAccess ? <Tag tone="info">{rt("tag.wheelchair")}</Tag> : null}
        {place.mealsProvided ? <Tag>{rt("tag.meals")}</Tag> : null}
        {place.bookingRequired ? <Tag tone="warn">{rt("tag.booking")}</Tag> : null}
      </p>
    </article>
  );
}
