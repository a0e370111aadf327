import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMyData } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/permissions.server";

/** "Download my data" (APPI disclosure): everything the portal holds about the signed-in resident, as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportMyData(user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tsunagu-my-data.json"`,
      "Cache-Control": "no-store",
    },
  });
}
