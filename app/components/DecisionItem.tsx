import { Link } from "@remix-run/react";
import type { Decision } from "../../knowledge/decisions";
import { JapaneseDate } from "./JapaneseDate";

/** One 決定事項 with its date, body, the minutes it came from and what it concerns. */
export function DecisionItem({ decision: d, compact = false }: { decision: Decision; compact?: boolean }) {
  return (
    <li id={`decision-${d.id}`} className="decision">
      <p className="decision-text">{d.text}</p>
      <p className="decision-meta">
        <JapaneseDate date={d.decidedOn} />
        {d.bodyName && !compact ? <span>{d.bodyName}</span> : null}
        {d.sourceRecordId ? (
          <Link to={`/knowledge/${d.sourceRecordId}${d.sourceAnchor ? `#${d.sourceAnchor}` : ""}`}>
            {`出典：${d.sourceTitle}${d.sourceLocator ? `（${d.sourceLocator}）` : ""}`}
          </Link>
        ) : null}
      </p>
      {d.concerns.length && !compact ? (
        <p className="decision-concerns">
          関係する記録：
          {d.concerns.map((c, i) => (
            <span key={c.id}>
              {i ? "、" : ""}
              <Link to={`/knowledge/${c.id}`}>{c.title}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}
