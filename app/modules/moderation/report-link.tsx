import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicKind } from "~/modules/publishing/visibility";
import { reportPath } from "./reports";

/** The small 「問題を報告」 link at the foot of every public item's page (its route declares the "reports" namespace). */
export function ReportLink({ kind, id }: { kind: PublicKind; id: number }) {
  const { t } = useTranslation();
  return (
    <p className="report-link">
      <Link to={reportPath(kind, id)} rel="nofollow">
        {t("report.link")}
      </Link>
    </p>
  );
}
