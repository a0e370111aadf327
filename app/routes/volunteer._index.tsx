import { OPENING_LIST } from "~/modules/volunteering/list-offer";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listPublishedOpenings } from "~/modules/volunteering/queries.server";
import { PARTICIPATION_MODES } from "~/modules/volunteering/constants";
import { activeFilterCount, parseListingFilters } from "~/modules/listing/filters";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { EmptyState, ListingControls, Pagination } from "~/components/listing";
import { nameMaps } from "~/components/item-facts";
import { redirectToCleanListAddress } from "~/modules/listing/clean-url.server";
import { OpeningCardView } from "~/modules/volunteering/opening-card";
import { pageMeta } from "~/utils/meta";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { withReadings } from "~/modules/furigana/ruby.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request }: LoaderFunctionArgs) {
  redirectToCleanListAddress(request);
  const { locale, t } = await getRequestI18n(request);
  const url = new URL(request.url);
  const filters = parseListingFilters(url);
  const modeParam = url.searchParams.get("mode") ?? "";
  const mode = (PARTICIPATION_MODES as readonly string[]).includes(modeParam) ? modeParam : undefined;
  const [taxonomy, result] = await Promise.all([getTaxonomy(locale), cachedPublic(cacheKey("openings", filters, mode, locale), () => listPublishedOpenings({ ...filters, mode }, locale))]);
  return withReadings(request, {
    meta: { title: t("volunteer.title"), description: t("volunteer.lead"), siteName: t("site.name") },
    taxonomy,
    filters: { ...filters, mode },
    ...result,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const handle = { i18n: ["listing", "lists", "volunteering"] };

export default function Volunteer() {
  const { taxonomy, filters, items, total } = useLoaderData<typeof loader>();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  return (
    <div className="container page">
      <h1>{rt("volunteer.title")}</h1>
      <p className="page__lead">{rt("volunteer.lead")}</p>
      <ListingControls taxonomy={taxonomy} values={filters} offer={OPENING_LIST} total={total} modes={PARTICIPATION_MODES} />
      {items.length ? (
        <div className="cards">
          {items.map((o) => (
            <OpeningCardView key={o.id} item={o} names={names} headingLevel={2} />
          ))}
        </div>
      ) : (
        <EmptyState filtered={activeFilterCount(filters) > 0} />
      )}
      <Pagination page={filters.page} total={total} />
    </div>
  );
}
