import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadFlyer } from "~/modules/outreach/flyer.server";
import { FlyerSheet } from "~/modules/outreach/flyer";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const flyer = await loadFlyer(request, "place", params.id);
  return { flyer, meta: { title: flyer.title.value, description: flyer.summary?.value ?? "", siteName: flyer.siteName } };
}

// A print version of the detail page: search engines should send readers to the page itself.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [...pageMeta(data, matches), { name: "robots", content: "noindex" }];

export const handle = { i18n: ["listing", "detail", "places", "events", "volunteering"] };

export default function FlyerPage() {
  const { flyer } = useLoaderData<typeof loader>();
  return <FlyerSheet flyer={flyer} siteName={flyer.siteName} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
