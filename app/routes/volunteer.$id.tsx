import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getPublishedOpening } from "~/modules/volunteering/openings.server";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { Text, nameMaps } from "~/components/listing";
import { Breadcrumbs, ContactBlock, InfoRow, Paragraphs } from "~/components/detail";
import { DayLabel, Languages, When } from "~/components/format";
import { notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseIdParam(params.id);
  const { locale, t } = await getRequestI18n(request);
  const [opening, taxonomy] = await Promise.all([getPublishedOpening(id, locale), getTaxonomy(locale)]);
  if (!opening) notFound();
  return {
    meta: { title: opening.title, description: opening.summary, siteName: t("site.name") },
    opening,
    taxonomy,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function OpeningDetailPage() {
  const { opening, taxonomy } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const names = nameMaps(taxonomy);
  const area = opening.areaSlug ? names.areas[opening.areaSlug] : undefined;
  const fixedShifts = opening.shifts.filter((s) => s.endsAt !== null);
  return (
    <div className="container page detail">
      <Breadcrumbs items={[{ to: "/", label: t("nav.home") }, { to: "/volunteer", label: t("nav.volunteer") }, { label: opening.title }]} />
      <header className="detail__head">
        <p className="card__kicker">{t(`mode.${opening.mode}`)}</p>
        <Text as="h1" value={opening.title} lang={opening.fieldLang.title} />
        {opening.summary ? <Text as="p" className="page__lead" value={opening.summary} lang={opening.fieldLang.summary} /> : null}
        <p className="tags">
          {opening.beginnerFriendly ? <span className="tag tag--welcome">{t("tag.beginners")}</span> : null}
          {opening.schoolFriendly ? <span className="tag tag--info">{t("tag.students")}</span> : null}
          {opening.minAge ? <span className="tag tag--plain">{t("tag.minAge", { age: opening.minAge })}</span> : null}
          {opening.insuranceRequired ? <span className="tag tag--warn">{t("tag.insurance")}</span> : null}
        </p>
      </header>
      <div className="detail__grid">
        <div className="detail__main">
          <section className="panel" aria-labelledby="what-h">
            <h2 id="what-h">{t("opening.what")}</h2>
            <Paragraphs text={opening.description} lang={opening.fieldLang.description} />
          </section>
          {opening.purpose ? (
            <section className="panel" aria-labelledby="why-h">
              <h2 id="why-h">{t("opening.why")}</h2>
              <Paragraphs text={opening.purpose} lang={opening.fieldLang.purpose} />
            </section>
          ) : null}
          <section className="panel" aria-labelledby="shifts-h">
            <h2 id="shifts-h">{t("opening.shifts")}</h2>
            {opening.ongoing ? <p>{t("opening.ongoingText")}</p> : null}
            {fixedShifts.length ? (
              <ul className="date-list">
                {fixedShifts.map((s) => (
                  <li key={s.id} className={s.status === "cancelled" ? "date-list__off" : undefined}>
                    <When startsAt={s.startsAt} endsAt={s.endsAt} long />
                    {s.status === "cancelled" ? <strong className="tag tag--warn">{t("event.cancelled")}</strong> : null}
                    {s.slotsLeft !== null && s.status === "open" ? (
                      <span className={`tag ${s.slotsLeft === 0 ? "tag--warn" : "tag--info"}`}>
                        {s.slotsLeft === 0 ? t("tag.full") : t("tag.slotsLeft", { count: s.slotsLeft })}
                      </span>
                    ) : null}
                    {s.note ? <span className="fact__sub" lang="ja">{s.note}</span> : null}
                  </li>
                ))}
              </ul>
            ) : !opening.ongoing ? (
              <p>{t("opening.noShifts")}</p>
            ) : null}
            {opening.applyBy ? (
              <p>
                {t("opening.applyBy")} <DayLabel at={opening.applyBy} />
              </p>
            ) : null}
            <p className="notice notice--info">{opening.needsApproval ? t("opening.needsApproval") : t("opening.firstCome")}</p>
          </section>
        </div>
        <aside className="detail__side">
          <section className="panel" aria-labelledby="facts-h">
            <h2 id="facts-h">{t("detail.facts")}</h2>
            <dl className="info">
              <InfoRow label={t("detail.where")}>
                {opening.venue ? (
                  opening.venue.placeId ? (
                    <Link to={`/places/${opening.venue.placeId}`}>
                      <Text value={opening.venue.name} lang={opening.venue.lang} />
                    </Link>
                  ) : (
                    <Text value={opening.venue.name} lang={opening.venue.lang} />
                  )
                ) : (
                  t(`mode.${opening.mode}`)
                )}
                {opening.venue?.address ? <span className="fact__sub" lang="ja">{opening.venue.address}</span> : null}
                {area ? <span className="fact__sub">{area.name}</span> : null}
              </InfoRow>
              <InfoRow label={t("opening.skills")}>
                {opening.skills.length ? <Text value={opening.skills.join(t("list.separator"))} lang={opening.fieldLang.skills} /> : t("opening.noSkills")}
              </InfoRow>
              <InfoRow label={t("card.languages")}>
                <Languages codes={opening.languages} />
              </InfoRow>
              <InfoRow label={t("detail.whatToBring")}>
                {opening.whatToBring ? <Text value={opening.whatToBring} lang={opening.fieldLang.whatToBring} /> : null}
              </InfoRow>
              <InfoRow label={t("opening.insurance")}>{opening.insuranceRequired ? t("opening.insuranceText") : null}</InfoRow>
              <InfoRow label={t("detail.organiser")}>
                <Text value={opening.group.name} lang={opening.group.lang} />
              </InfoRow>
            </dl>
          </section>
          <ContactBlock name={opening.contactName} phone={opening.contactPhone} email={opening.contactEmail} />
        </aside>
      </div>
    </div>
  );
}
