import { NamedOptions, ValueOptions } from "./Options";
import { Form, useNavigation } from "@remix-run/react";
import type { ImportItem } from "../../knowledge/import-batch";
import { ISSUER_LEVELS, RECORD_KINDS, RECORD_KIND_LABELS } from "../../knowledge/kinds";
import { formatJapaneseDate } from "../../search/wareki";

const FORMAT_LABELS: Record<string, string> = { pdf: "PDF", docx: "Word", text: "テキスト", markdown: "Markdown", "egov-xml": "e-Gov法令XML" };

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

function eraDate(date: string | null, precision: "day" | "month" | "year" | null): string {
  if (!date) return "";
  const p = precision ?? "day";
  const iso = p === "day" ? date : p === "month" ? date.slice(0, 7) : date.slice(0, 4);
  return formatJapaneseDate(iso, { precision: p }) ?? date;
}

interface Props {
  batch: string;
  items: ImportItem[];
  bodies: { id: number; name: string }[];
  departments: { id: number; name: string }[];
  itemErrors: Record<number, string>;
}

/** Every file of a batch with its suggested metadata, correctable before anything is saved. */
export function ImportPreviewList({ batch, items, bodies, departments, itemErrors }: Props) {
  const busy = useNavigation().state === "submitting";
  const ready = items.filter((i) => i.status === "ready");
  const failed = items.filter((i) => i.status === "failed");
  return (
    <Form method="post" className="import-preview">
      <input type="hidden" name="batch" value={batch} />
      <p className="result-count">
        {ready.length}件を保存できます{failed.length ? `・${failed.length}件は取り込めませんでした` : ""}
      </p>
      {failed.map((item) => (
        <section key={item.id} className="panel import-item failed" aria-label={`${item.fileName}（取り込めませんでした）`}>
          <h2>{item.fileName}</h2>
          <p className="form-error">{item.error}</p>
        </section>
      ))}
      {ready.map((item) => {
        const p = item.preview!;
        const f = (name: string) => `i${item.id}.${name}`;
        const id = (name: string) => `i${item.id}-${name}`;
        return (
          <section key={item.id} className="panel import-item" aria-labelledby={id("title-heading")}>
            <div className="import-item-head">
              <h2 id={id("title-heading")}>{item.fileName}</h2>
              <span className="tag">{FORMAT_LABELS[p.format] ?? p.format}</span>
              <span className="muted">{sizeLabel(p.size)}</span>
              <label className="tag-option save-toggle">
                <input type="checkbox" name={f("save")} defaultChecked />
                保存する
              </label>
            </div>
            {itemErrors[item.id] ? (
              <p className="form-error" role="alert">
                {itemErrors[item.id]}
              </p>
            ) : null}
            {p.warnings.map((w, i) => (
              <p key={i} className="form-warning">
                {w}
              </p>
            ))}
            <div className="form-grid">
              <div className="field">
                <label htmlFor={id("kind")}>種別</label>
                <select id={id("kind")} name={f("kind")} defaultValue={p.suggestion.kind}>
                  <ValueOptions values={RECORD_KINDS} labels={RECORD_KIND_LABELS} />
          </select>
              </div>
              <div className="field field-wide">
                <label htmlFor={id("title")}>タイトル</label>
                <input id={id("title")} name={f("title")} defaultValue={p.suggestion.title} required maxLength={300} />
              </div>
              <div className="field">
                <label htmlFor={id("date")}>日付</label>
                <input id={id("date")} name={f("date")} defaultValue={eraDate(p.suggestion.date, p.suggestion.datePrecision)} placeholder="令和4年6月21日" />
              </div>
              <div className="field">
                <label htmlFor={id("issuer")}>発出主体</label>
                <select id={id("issuer")} name={f("issuerLevel")} defaultValue={p.suggestion.issuerLevel ?? ""}>
                  <ValueOptions values={ISSUER_LEVELS} empty="指定しない" />
          </select>
              </div>
              <div className="field">
                <label htmlFor={id("body")}>会議体・発出機関</label>
                <select id={id("body")} name={f("bodyId")} defaultValue={p.suggestion.bodyId ?? ""}>
                  <NamedOptions items={bodies} empty="指定しない" />
          </select>
              </div>
              <div className="field">
                <label htmlFor={id("department")}>部局</label>
                <select id={id("department")} name={f("departmentId")} defaultValue={p.suggestion.departmentId ?? ""}>
                  <NamedOptions items={departments} empty="指定しない" />
          </select>
              </div>
              <div className="field field-wide">
                <label htmlFor={id("tags")}>タグ（読点区切り）</label>
                <input id={id("tags")} name={f("freeTags")} />
              </div>
            </div>
            <details className="import-details" open={Boolean(p.law)}>
              <summary>読み取った内容を確認する</summary>
              {p.law ? (
                <p>
                  {p.law.lawNum ? `${p.law.lawNum}・` : ""}本則 {p.law.articleCount}条。各条・項・号を個別に参照できる形で保存します。
                </p>
              ) : null}
              {p.dates.length ? <p>見つかった日付：{p.dates.map((d) => d.text).join("、")}</p> : null}
              {p.outline.length ? (
                <ol className="import-outline">
                  {p.outline.map((o, i) => (
                    <li key={i}>
                      <strong>{o.heading}</strong>
                      {o.excerpt ? <span className="muted"> {o.excerpt}</span> : null}
                    </li>
                  ))}
                </ol>
              ) : null}
              <div className="text-preview" tabIndex={0} aria-label="本文のプレビュー">
                {p.bodyText.slice(0, 3000)}
                {p.bodyText.length > 3000 ? "…" : ""}
              </div>
            </details>
          </section>
        );
      })}
      <div className="form-actions">
        {ready.length ? (
          <button type="submit" name="intent" value="save" className="button-primary" disabled={busy}>
            {busy ? "保存しています…" : "選んだファイルを保存"}
          </button>
        ) : null}
        <button type="submit" name="intent" value="discard" className="button-quiet" disabled={busy} formNoValidate>
          取り込みをやめる
        </button>
      </div>
    </Form>
  );
}
