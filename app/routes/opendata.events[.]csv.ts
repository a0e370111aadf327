import { openDataCsvResponse } from "~/modules/opendata/response.server";

/** /opendata/events.csv — upcoming dates of published events, イベント一覧 profile (see /opendata). */
export const loader = () => openDataCsvResponse("events");
