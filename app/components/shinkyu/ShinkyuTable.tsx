import type { LinksFunction } from "@remix-run/node";
import { Fragment, useId, type CSSProperties } from "react";
import type { ShinkyuColumn, ShinkyuLine, ShinkyuRow, ShinkyuTable as Table } from "../../../ordinance/compare/shinkyu";
import shinkyuStyles from "../../styles/shinkyu.css";

// The 新旧対照表 on screen and on paper: the lead sentence, then the two columns in the
// order the table's settings chose. Underlines carry the meaning, so each changed run is
// also announced to screen readers. No data loading here: the route passes the table in.

/**
 * The route that shows this table links its stylesheet (`export const links = shinkyuLinks`),
 * so the A4 landscape page and the print rules apply to that page only, as app.css's
 * portrait page stays for the rest of the site.
 */
export const shinkyuLinks: LinksFunction = () => [{ rel: "stylesheet", href: shinkyuStyles }];

interface Props {
  table: Table;
  /** Names the table, on screen and as the printed heading; e.g. "第1次案と第2次案の新旧対照表". */
  caption?: string;
}

export function ShinkyuTable({ table, caption = "新旧対照表" }: Props) {
  const leadId = useId();
  return (
    <div className="shinkyu">
      <p id={leadId} className="shinkyu-lead">
        {table.lead}
      </p>
      {table.rows.length === 0 ? (
        <p className="shinkyu-empty">改正前と改正後の間に違いはありません。</p>
      ) : (
        // A narrow screen scrolls the table sideways rather than squeezing the legal text.
        <div className="shinkyu-scroll" role="region" aria-label={`${caption}（横にスクロールできます）`} tabIndex={0}>
          <table className="shinkyu-table" aria-describedby={leadId}>
            <caption>
              {caption}
              <span className="shinkyu-caption-note">下線の部分が改正箇所です。</span>
            </caption>
            <colgroup>
              <col className="shinkyu-col" />
              <col className="shinkyu-col" />
            </colgroup>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column.side} scope="col">
                    {column.heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, at) => (
                <Row key={at} row={row} columns={table.columns} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Row({ row, columns }: { row: ShinkyuRow; columns: readonly ShinkyuColumn[] }) {
  const marked = row.status === "added" || row.status === "deleted";
  return (
    <tr className={`shinkyu-row shinkyu-row-${row.role}${marked ? ` shinkyu-row-${row.status}` : ""}`}>
      {columns.map((column) => {
        const lines = row.cells[column.side];
        return <td key={column.side}>{lines.length === 0 && marked ? <Badge status={row.status as "added" | "deleted"} /> : lines.map((line, at) => <Line key={at} line={line} />)}</td>;
      })}
    </tr>
  );
}

/** In the empty cell, so the reader learns why it is empty. */
function Badge({ status }: { status: "added" | "deleted" }) {
  return status === "added" ? (
    <span className="shinkyu-badge shinkyu-badge-added">
      追加<span className="visually-hidden">（この規定は新たに加えられます）</span>
    </span>
  ) : (
    <span className="shinkyu-badge shinkyu-badge-deleted">
      削除<span className="visually-hidden">（この規定は削られます）</span>
    </span>
  );
}

function Line({ line }: { line: ShinkyuLine }) {
  // Indents in full-width characters, as the 例規集 sets them: first line, then wrapped lines.
  const style = { "--indent": line.indent, "--wrap": line.wrapIndent } as CSSProperties;
  return (
    <p className="shinkyu-line" style={style}>
      {line.runs.map((run, at) =>
        run.underline ? (
          <Fragment key={at}>
            <span className="visually-hidden">（改正箇所）</span>
            <u className="shinkyu-mark">{run.text}</u>
            <span className="visually-hidden">（ここまで）</span>
          </Fragment>
        ) : (
          <Fragment key={at}>{run.text}</Fragment>
        ),
      )}
    </p>
  );
}
