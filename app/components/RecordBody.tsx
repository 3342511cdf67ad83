import type { Block } from "../../knowledge/body";

interface Section {
  anchor: string;
  depth: number;
  kind: string;
  locator: string;
  caption: string | null;
  blocks: Block[];
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.type === "paragraph" ? (
          <p key={i} className="body-paragraph">
            {b.text}
          </p>
        ) : b.type === "bullets" ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <ol key={i} className="numbered">
            {b.items.map((item, j) => (
              <li key={j}>
                <span className="number">{item.number}.</span> {item.text}
              </li>
            ))}
          </ol>
        ),
      )}
    </>
  );
}

const LAW_HEADINGS = new Set(["part", "chapter", "section", "subsection", "division", "suppl"]);

/**
 * A record's body, every part with its anchor so links and search hits land on it.
 * `linkCounts` shows how many links point at each part; `onLinkHref` offers to link it.
 */
export function RecordBody({
  sections,
  linkCounts,
  linkHref,
}: {
  sections: Section[];
  linkCounts: Record<string, number>;
  linkHref?: (anchor: string) => string;
}) {
  if (!sections.length) return <p className="empty-state">本文はまだありません。</p>;
  return (
    <div className="record-body">
      {sections.map((s) => {
        const count = linkCounts[s.anchor];
        const tools = (
          <span className="section-tools">
            {count ? <a href="#links" className="link-count">被リンク {count}</a> : null}
            {linkHref ? (
              <a href={linkHref(s.anchor)} className="section-link" aria-label={`「${s.locator}」にリンクを追加`}>
                リンク
              </a>
            ) : null}
          </span>
        );
        if (s.kind === "heading" || LAW_HEADINGS.has(s.kind)) {
          const Tag = s.depth <= 1 ? "h2" : s.depth === 2 ? "h2" : "h3";
          return (
            <section key={s.anchor} id={s.anchor} className={`body-section depth-${s.depth} kind-${s.kind}`}>
              <Tag className="section-heading">
                {s.locator}
                {tools}
              </Tag>
              <Blocks blocks={s.blocks} />
            </section>
          );
        }
        if (s.kind === "preamble") {
          return (
            <section key={s.anchor} id={s.anchor} className="body-section">
              <Blocks blocks={s.blocks} />
            </section>
          );
        }
        // Law provisions: the text starts with its printed label (第一条, ２, 一, イ).
        const text = s.blocks.map((b) => (b.type === "paragraph" ? b.text : "")).join("");
        const gap = text.indexOf("　");
        return (
          <div key={s.anchor} id={s.anchor} className={`provision kind-${s.kind}`} title={s.locator}>
            {s.caption ? <p className="caption">{s.caption}</p> : null}
            <p>
              {gap > 0 ? <span className="provision-label">{text.slice(0, gap)}</span> : null}
              {gap > 0 ? text.slice(gap) : text}
              {tools}
            </p>
          </div>
        );
      })}
    </div>
  );
}
