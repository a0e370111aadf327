import { useTranslation } from "react-i18next";
import type { Visibility } from "./reports";

const TONE: Record<Visibility, string> = { public: "tag--info", hiddenByReports: "tag--warn", hidden: "tag--warn", notPublic: "tag--plain" };

/** Whether the public sees a reported item, as a tag on the staff pages. */
export function ReportState({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return <span className={`tag ${TONE[visibility]}`}>{t(`report.staff.state.${visibility}`)}</span>;
}
