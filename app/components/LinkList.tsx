import { Form, Link } from "@remix-run/react";
import type { LinkView } from "../../knowledge/links";
import { RECORD_KIND_LABELS, type RecordKind } from "../../knowledge/kinds";

function targetHref(l: LinkView["other"]): string {
  if (l.type === "record") return `/knowledge/${l.id}${l.anchor ? `#${l.anchor}` : ""}`;
  if (l.type === "decision") return `/decisions#decision-${l.id}`;
  return `/drafts/${l.id}`;
}

/** Links or backlinks of a record, each with the part it touches here and its reason. */
export function LinkList({ links, direction, canEdit }: { links: LinkView[]; direction: "out" | "in"; canEdit: boolean }) {
  if (!links.length) {
    return <p className="muted">{direction === "out" ? "この記録からのリンクはありません。" : "この記録へのリンクはありません。"}</p>;
  }
  return (
    <ul className="link-list">
      {links.map((l) => (
        <li key={l.id}>
          {l.hereLabel ? (
            <a href={`#${l.hereAnchor}`} className="here-part">
              {l.hereLabel}
            </a>
          ) : null}
          <span aria-hidden="true">{direction === "out" ? " → " : " ← "}</span>
          <span className="visually-hidden">{direction === "out" ? "リンク先：" : "リンク元："}</span>
          {l.other.kind ? <span className="kind-badge small">{RECORD_KIND_LABELS[l.other.kind as RecordKind] ?? l.other.kind}</span> : null}
          {l.other.type === "decision" ? <span className="kind-badge small">決定事項</span> : null}
          {l.other.type === "clause" ? <span className="kind-badge small">条例案の根拠資料</span> : null}
          <Link to={targetHref(l.other)}>
            {l.other.title}
            {l.other.partLabel ? <span className="part-label">{` › ${l.other.partLabel}`}</span> : null}
          </Link>
          {l.reason ? <p className="link-reason">{l.reason}</p> : null}
          {canEdit && l.other.type === "record" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="removeLink" />
              <input type="hidden" name="linkId" value={l.id} />
              <button type="submit" className="button-small button-quiet" aria-label={`「${l.other.title}」とのリンクを削除`}>
                削除
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
