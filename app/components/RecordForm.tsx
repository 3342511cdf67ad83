import { NamedOptions, ValueOptions } from "./Options";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ISSUER_LEVELS, MANAGED_TAGS, MEASURE_STATUSES, RECORD_KINDS, RECORD_KIND_LABELS } from "../../knowledge/kinds";

export interface RecordFormOptions {
  bodies: { id: number; name: string }[];
  departments: { id: number; name: string }[];
}

export interface RecordFormProps extends RecordFormOptions {
  values: Record<string, string>;
  errors?: Record<string, string>;
  message?: string | null;
  submitLabel: string;
  cancelTo: string;
  revision?: number;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

/** Create and edit form for a record; a plain HTML form that works before JavaScript loads. */
export function RecordForm({ values, errors = {}, message, submitLabel, cancelTo, revision, bodies, departments }: RecordFormProps) {
  const busy = useNavigation().state === "submitting";
  const selectedTags = new Set((values.tags ?? "").split("、").filter(Boolean));
  const freeTags = [...selectedTags].filter((t) => !(MANAGED_TAGS as readonly string[]).includes(t));
  const described = (name: string, hint?: boolean) =>
    [errors[name] ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" className="record-form" noValidate>
      {revision ? <input type="hidden" name="revision" value={revision} /> : null}
      {values.chartsJson ? <input type="hidden" name="chartsJson" value={values.chartsJson} /> : null}
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="kind">種別</label>
          <select id="kind" name="kind" defaultValue={values.kind ?? "measure"} required>
            <ValueOptions values={RECORD_KINDS} labels={RECORD_KIND_LABELS} />
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor="title">タイトル</label>
          <input id="title" name="title" defaultValue={values.title} required maxLength={300} aria-invalid={Boolean(errors.title)} aria-describedby={described("title")} />
          <FieldError id="title-error" error={errors.title} />
        </div>
        <div className="field">
          <label htmlFor="date">日付</label>
          <input id="date" name="date" defaultValue={values.date} placeholder="令和4年6月21日" aria-invalid={Boolean(errors.date)} aria-describedby={described("date", true)} />
          <p id="date-hint" className="hint">
            和暦(令和4年6月21日・R4.6.21)でも西暦でも入力できます。年月だけでも構いません。
          </p>
          <FieldError id="date-error" error={errors.date} />
        </div>
        <div className="field">
          <label htmlFor="fiscalYear">年度</label>
          <input id="fiscalYear" name="fiscalYear" defaultValue={values.fiscalYear} placeholder="令和4年度" aria-describedby={described("fiscalYear", true)} aria-invalid={Boolean(errors.fiscalYear)} />
          <p id="fiscalYear-hint" className="hint">
            空欄なら日付から決まります(4月〜翌3月)。
          </p>
          <FieldError id="fiscalYear-error" error={errors.fiscalYear} />
        </div>
        <div className="field">
          <label htmlFor="issuerLevel">発出主体</label>
          <select id="issuerLevel" name="issuerLevel" defaultValue={values.issuerLevel ?? ""}>
            <ValueOptions values={ISSUER_LEVELS} empty="指定しない" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="bodyId">会議体・発出機関</label>
          <select id="bodyId" name="bodyId" defaultValue={values.bodyId ?? ""}>
            <NamedOptions items={bodies} empty="指定しない" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="departmentId">部局</label>
          <select id="departmentId" name="departmentId" defaultValue={values.departmentId ?? ""}>
            <NamedOptions items={departments} empty="指定しない" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">状況(施策のみ)</label>
          <select id="status" name="status" defaultValue={values.status ?? ""}>
            <ValueOptions values={MEASURE_STATUSES} empty="指定しない" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="budgetYen">予算額(円)</label>
          <input id="budgetYen" name="budgetYen" inputMode="numeric" defaultValue={values.budgetYen} aria-invalid={Boolean(errors.budgetYen)} aria-describedby={described("budgetYen")} />
          <FieldError id="budgetYen-error" error={errors.budgetYen} />
        </div>
        <div className="field field-wide">
          <label htmlFor="sourceUrl">出典URL</label>
          <input id="sourceUrl" name="sourceUrl" type="url" defaultValue={values.sourceUrl} placeholder="https://" aria-invalid={Boolean(errors.sourceUrl)} aria-describedby={described("sourceUrl")} />
          <FieldError id="sourceUrl-error" error={errors.sourceUrl} />
        </div>
      </div>
      <fieldset className="tag-picker">
        <legend>タグ</legend>
        <div className="tag-options">
          {MANAGED_TAGS.map((tag) => (
            <label key={tag} className="tag-option">
              <input type="checkbox" name="tags" value={tag} defaultChecked={selectedTags.has(tag)} />
              {tag}
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor="freeTags">その他のタグ</label>
          <input id="freeTags" name="freeTags" defaultValue={freeTags.join("、")} aria-describedby="freeTags-hint" />
          <p id="freeTags-hint" className="hint">
            読点(、)またはカンマで区切って入力します。
          </p>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="summary">概要</label>
        <textarea id="summary" name="summary" rows={3} defaultValue={values.summary} maxLength={2000} />
      </div>
      <div className="field">
        <label htmlFor="bodyText">本文</label>
        <textarea id="bodyText" name="bodyText" rows={18} defaultValue={values.bodyText} className="body-editor" aria-describedby="bodyText-hint" />
        <p id="bodyText-hint" className="hint">
          「## 見出し」で始まる行が節になり、節ごとに参照・リンクできます。「- 」で箇条書き、「1. 」で番号付きの行になります。
        </p>
      </div>
      <div className="field">
        <label htmlFor="note">変更の内容(履歴に残ります・任意)</label>
        <input id="note" name="note" defaultValue={values.note} maxLength={200} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "保存しています…" : submitLabel}
        </button>
        <Link to={cancelTo} className="button-link">
          キャンセル
        </Link>
      </div>
    </Form>
  );
}
