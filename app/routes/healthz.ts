import { prisma } from "~/utils/db.server";

// For load balancers and the Docker HEALTHCHECK: 200 only when the database answers.
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return new Response(JSON.stringify({ status: "ok", database: "ok", ms: Date.now() - started }), {
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  } catch {
    return new Response(JSON.stringify({ status: "error", database: "unreachable" }), {
      status: 503,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  }
}
