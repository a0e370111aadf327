import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { withReadings } from "~/modules/furigana/ruby.server";
import { loadMonthList } from "~/modules/outreach/month-list.server";
import { MonthListPage } from "~/modules/outreach/month-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { status, ...data } = await loadMonthList(request);
  // A wrong area or month is answered on the page itself (400 with the form and the reason), never a bare error.
  return json(await withReadings(request, data), { status });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [...pageMeta(data, matches), { name: "robots", content: "noindex" }];

export const handle = { i18n: ["detail", "places"] };

export default function PrintMonthRoute() {
  const data = useLoaderData<typeof loader>();
  return <MonthListPage {...data} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
