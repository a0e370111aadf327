import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { StaffMenuCounts } from "./menu.server";

/** The staff workspace's menu; an entry with work waiting shows how much (read by screen readers as part of its name). */
export const STAFF_SECTIONS = [
  { to: "/staff/review", key: "review", count: "review" },
  { to: "/staff/reports", key: "reports", count: "reports" },
  { to: "/staff/groups", key: "groups" },
  { to: "/staff/people", key: "people" },
  { to: "/staff/openings", key: "openings" },
  { to: "/staff/freshness", key: "freshness", count: "freshness" },
  { to: "/staff/dashboard", key: "dashboard" },
  { to: "/staff/audit", key: "audit" },
  { to: "/staff/readings", key: "readings" },
] as const satisfies readonly { to: string; key: string; count?: keyof StaffMenuCounts }[];

export function StaffNav({ counts }: { counts: StaffMenuCounts }) {
  const { t } = useTranslation();
  return (
    <nav className="staff-nav" aria-label={t("staff.nav.label")}>
      <ul>
        {STAFF_SECTIONS.map((section) => {
          const waiting = "count" in section ? counts[section.count] : 0;
          return (
            <li key={section.key}>
              <NavLink to={section.to}>
                {t(`staff.nav.${section.key}`)}
                {waiting > 0 ? (
                  <span className="count count--badge">
                    <span className="visually-hidden">（</span>
                    {t("staff.nav.waiting", { count: waiting })}
                    <span className="visually-hidden">）</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
