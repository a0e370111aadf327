import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/modules/auth/permissions.server";
import { staffMenuCounts } from "~/modules/staff/menu.server";
import { StaffNav } from "~/modules/staff/staff-nav";
import { NO_STORE } from "~/utils/http.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The staff workspace (/staff/*): every page below checks the staff role in its own loader and action too (a
// layout's loader does not guard its children's actions); this one adds the menu with what waits for a decision.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { counts: await staffMenuCounts() };
}

export const handle = { i18n: ["staff"] };

export default function StaffLayout() {
  const { counts } = useLoaderData<typeof loader>();
  return (
    <div className="staff">
      <StaffNav counts={counts} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
