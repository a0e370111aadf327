import { checkReadiness } from "~/modules/db/readiness.server";

// Readiness for load balancers and upgrades: 200 when the database answers and every shipped migration is applied,
// 503 otherwise (liveness is /healthz).
export async function loader() {
  const readiness = await checkReadiness();
  return new Response(JSON.stringify(readiness.ready ? { status: "ready", migrations: readiness.migrations } : { status: "not-ready", ...readiness }), {
    status: readiness.ready ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
