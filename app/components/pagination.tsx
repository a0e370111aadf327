import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRubyT } from "~/modules/furigana/ruby";
import { PAGE_SIZE } from "~/modules/listing/constants";

/** Previous / page n of m / next, keeping the rest of the address (filters, language) as it is. */
export function Pagination({ page, total }: { page: number; total: number }) {
  const { t } = useTranslation();
  const rt = useRubyT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("list.pagination")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="button button--ghost">
          {rt("list.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{rt("list.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next" className="button button--ghost">
          {rt("list.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
