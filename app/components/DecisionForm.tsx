import { Form, useNavigation } from "@remix-run/react";

/** Records a decision taken in the meeting these minutes describe. */
export function DecisionForm({
  sections,
  measures,
  defaultDate,
  error,
}: {
  sections: { anchor: string; locator: string }[];
  measures: { id: number; title: string }[];
  defaultDate: string;
  error?: string | null;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section id="decision-form" className="panel" aria-labelledby="decision-form-title">
      <h2 id="decision-form-title">決定事項を追加</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="addDecision" />
        <div className="field">
          <label htmlFor="decision-text">決定した内容</label>
          <textarea id="decision-text" name="text" rows={3} required maxLength={4000} />
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="decision-date">決定日</label>
            <input id="decision-date" name="decidedOn" defaultValue={defaultDate} required />
          </div>
          <div className="field">
            <label htmlFor="decision-section">会議録の箇所</label>
            <select id="decision-section" name="sourceAnchor" defaultValue="">
              <option value="">指定しない</option>
              {sections.map((s) => (
                <option key={s.anchor} value={s.anchor}>
                  {s.locator}
                </option>
              ))}
            </select>
          </div>
        </div>
        {measures.length ? (
          <fieldset className="tag-picker">
            <legend>関係する施策</legend>
            <div className="tag-options">
              {measures.map((m) => (
                <label key={m.id} className="tag-option">
                  <input type="checkbox" name="concerns" value={m.id} />
                  {m.title}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          決定事項を追加
        </button>
      </Form>
    </section>
  );
}
