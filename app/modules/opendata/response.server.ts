import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { openDataCsv } from "./export.server";
import type { OpenDataFile } from "./profiles";

/** The same file for everyone (no personal data, no language): public caching, a stable file name with the city code. */
export async function openDataCsvResponse(file: OpenDataFile): Promise<Response> {
  const body = await cachedPublic(cacheKey("opendata", file), () => openDataCsv(file));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `inline; filename="${file}.csv"`,
      "Cache-Control": "public, max-age=600",
    },
  });
}
