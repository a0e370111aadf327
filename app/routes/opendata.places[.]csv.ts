import { openDataCsvResponse } from "~/modules/opendata/response.server";

/** /opendata/places.csv — published places (居場所), 公共施設一覧 profile (see /opendata). */
export const loader = () => openDataCsvResponse("places");
