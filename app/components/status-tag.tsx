import { useTranslation } from "react-i18next";

const STATUS_TONE: Record<string, string> = {
  draft: "tag--plain",
  pending: "tag--info",
  published: "tag--welcome",
  approved: "tag--welcome",
  closed: "tag--plain",
  archived: "tag--plain",
  hidden: "tag--warn",
  rejected: "tag--warn",
  suspended: "tag--warn",
};

/** An item's or group's status as text (never colour alone). */
export function StatusTag({ status, kind }: { status: string; kind: "item" | "group" }) {
  const { t } = useTranslation();
  return <span className={`tag ${STATUS_TONE[status] ?? "tag--plain"}`}>{t(kind === "group" ? `manage.groupStatus.${status}` : `manage.status.${status}`)}</span>;
}
