import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { flyerPageData } from "~/modules/outreach/flyer.server";
import { FlyerSheet, flyerMeta } from "~/modules/outreach/flyer";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const loader = ({ request, params }: LoaderFunctionArgs) => flyerPageData(request, "opening", params.id);

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => flyerMeta(data, matches);

export const handle = { i18n: ["listing", "detail", "places", "events", "volunteering"] };

export default function FlyerPage() {
  const { flyer } = useLoaderData<typeof loader>();
  return <FlyerSheet flyer={flyer} siteName={flyer.siteName} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
