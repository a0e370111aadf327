import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadOrganizerTranslations, saveOrganizerTranslationsAction } from "~/modules/translation/organizer-page.server";
import { OrganizerTranslationsPage } from "~/modules/translation/organizer-page";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The place's translations and its やさしい日本語 version, written by the group's members.

export const headers: HeadersFunction = () => NO_STORE;

export const loader = ({ request, params }: LoaderFunctionArgs) => loadOrganizerTranslations(request, params, "place", params.placeId);

export const action = ({ request, params }: ActionFunctionArgs) => saveOrganizerTranslationsAction(request, params, "place", params.placeId);

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["translation"] };

export default function PlaceTranslations() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <OrganizerTranslationsPage page={page} lastResult={actionData?.result} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
