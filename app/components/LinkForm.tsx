import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";

interface Candidate {
  id: number;
  title: string;
  kind: string;
  kindLabel: string;
}

interface Props {
  recordTitle: string;
  hereSections: { anchor: string; locator: string }[];
  candidates: Candidate[];
  target: { id: number; title: string; sections: { anchor: string; locator: string; depth: number }[] } | null;
  hereAnchor: string | null;
  direction: "out" | "in";
  error?: string | null;
}

/**
 * Two steps that work without JavaScript: pick the other record (a GET that loads its
 * parts), then the parts, the direction and the reason. With JavaScript the first step
 * submits itself when the choice changes.
 */
export function LinkForm({ recordTitle, hereSections, candidates, target, hereAnchor, direction, error }: Props) {
  const submit = useSubmit();
  const busy = useNavigation().state === "submitting";
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const groups = [...new Set(candidates.map((c) => c.kindLabel))];
  return (
    <section id="link-form" className="panel" aria-labelledby="link-form-title">
      <h2 id="link-form-title">リンクを追加</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="get" preventScrollReset className="inline-fields" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
        {hereAnchor ? <input type="hidden" name="linkHere" value={hereAnchor} /> : null}
        <input type="hidden" name="linkDirection" value={direction} />
        <div className="field field-wide">
          <label htmlFor="linkTarget">関連する記録</label>
          <select id="linkTarget" name="linkTarget" defaultValue={target?.id ?? ""}>
            <option value="">選んでください</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {candidates
                  .filter((c) => c.kindLabel === g)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        {/* Until the page is interactive (or without JavaScript) choosing needs a button. */}
        {hydrated ? null : <button type="submit">箇所を選ぶ</button>}
      </Form>
      {target ? (
        <Form method="post" className="form-grid" preventScrollReset>
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
