import { Form, Link, useNavigation } from "@remix-run/react";
import type { Highlighted } from "../../search/engine";
import { Highlight } from "./Highlight";

interface Candidate {
  id: number;
  title: Highlighted;
  kindLabel: string;
}

interface Props {
  recordTitle: string;
  hereSections: { anchor: string; locator: string }[];
  /** What the person typed to find the other record; candidates are null until they have. */
  query: string;
  candidates: Candidate[] | null;
  searchError?: string | null;
  target: { id: number; title: string; sections: { anchor: string; locator: string; depth: number }[] } | null;
  hereAnchor: string | null;
  direction: "out" | "in";
  error?: string | null;
}

/**
 * Two steps that work without JavaScript: find the other record by a few words (a GET that
 * searches records only) and pick it from what was found (a link that loads its parts), then
 * choose the parts, the direction and the reason.
 */
export function LinkForm({ recordTitle, hereSections, query, candidates, searchError, target, hereAnchor, direction, error }: Props) {
  const busy = useNavigation().state === "submitting";
  const keep = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (hereAnchor) params.set("linkHere", hereAnchor);
    params.set("linkDirection", direction);
    if (query) params.set("linkQuery", query);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `?${params}#link-form`;
  };
  return (
    <section id="link-form" className="panel" aria-labelledby="link-form-title">
      <h2 id="link-form-title">リンクを追加</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="get" preventScrollReset className="inline-fields" role="search" aria-label="リンク先の検索">
        {hereAnchor ? <input type="hidden" name="linkHere" value={hereAnchor} /> : null}
        <input type="hidden" name="linkDirection" value={direction} />
        <div className="field field-wide">
          <label htmlFor="linkQuery">関連する記録を探す</label>
          <input id="linkQuery" name="linkQuery" type="search" defaultValue={query} maxLength={200} placeholder="例：研究会 会議録、ヤングケアラー" />
        </div>
        <div className="field field-actions">
          <button type="submit">探す</button>
        </div>
      </Form>
      {searchError ? (
        <p className="form-error" role="alert">
          {searchError}
        </p>
      ) : null}
      {candidates ? (
        candidates.length ? (
          <nav aria-label="見つかった記録">
            <p className="hint">リンクする記録を選んでください（{candidates.length}件）。</p>
            <ul className="link-candidates">
              {candidates.map((c) => (
                <li key={c.id}>
                  <Link to={keep({ linkTarget: String(c.id) })} preventScrollReset aria-current={target?.id === c.id ? "true" : undefined}>
                    <span className="kind-label">{c.kindLabel}</span> <Highlight value={c.title} />
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <p className="hint" role="status">
            「{query}」に当たる記録は見つかりませんでした。別の言葉でお試しください。
          </p>
        )
      ) : null}
      {target ? (
        <Form method="post" className="form-grid" preventScrollReset aria-label={`「${target.title}」へのリンク`}>
          <p className="link-target">
            リンク先：<strong>{target.title}</strong>
          </p>
          <input type="hidden" name="intent" value="addLink" />
          <input type="hidden" name="targetId" value={target.id} />
          <div className="field">
            <label htmlFor="linkDirectionSelect">向き</label>
            <select id="linkDirectionSelect" name="direction" defaultValue={direction}>
              <option value="out">この記録 → {target.title}</option>
              <option value="in">{target.title} → この記録</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="hereAnchor">この記録の箇所</label>
            <select id="hereAnchor" name="hereAnchor" defaultValue={hereAnchor ?? ""}>
              <option value="">記録全体（{recordTitle}）</option>
              {hereSections.map((s) => (
                <option key={s.anchor} value={s.anchor}>
                  {s.locator}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="targetAnchor">相手の箇所</label>
            <select id="targetAnchor" name="targetAnchor" defaultValue="">
              <option value="">記録全体</option>
              {target.sections.map((s) => (
                <option key={s.anchor} value={s.anchor}>
                  {"　".repeat(Math.max(0, s.depth - 1))}
                  {s.locator}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label htmlFor="reason">理由</label>
            <input id="reason" name="reason" maxLength={1000} placeholder="例：この会議で実施内容を議論した" />
          </div>
          <div className="field field-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              リンクする
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
