import { Link, useSearchParams } from "@remix-run/react";

/** Previous / next links that keep the current filters, shown only when there is more than one page. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav className="pagination" aria-label="ページ">
      {page > 1 ? <Link to={link(page - 1)}>前へ</Link> : <span />}
      <span>{`${page} / ${pageCount} ページ`}</span>
      {page < pageCount ? <Link to={link(page + 1)}>次へ</Link> : <span />}
    </nav>
  );
}
