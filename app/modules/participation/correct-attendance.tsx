import { useTranslation } from "react-i18next";

/**
 * Attendance already recorded for one person: the buttons would invite a second click, so correcting stays one
 * disclosure away (the person's name is in its accessible name, so a screen reader's list tells them apart).
 */
export function CorrectAttendance({ name, children }: { name: string | null; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="attendance-fix">
      <summary>
        {t("manageApplicants.correctAttendance")}
        <span className="visually-hidden">（{name}）</span>
      </summary>
      {children}
    </details>
  );
}
