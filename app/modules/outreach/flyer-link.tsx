import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A link from a detail page to its flyer. */
export function FlyerLink({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <p className="flyer-link">
      <Link to={`${path}/flyer`}>{t("flyer.link")}</Link>
    </p>
  );
}
