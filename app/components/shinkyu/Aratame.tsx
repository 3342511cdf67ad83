import { useState } from "react";

// The 改め文 for the same change as the 新旧対照表 above it, with a copy button, and a plain
// note for each change it does not express (never invented text).

export function Aratame({ lines, unsupported }: { lines: readonly string[]; unsupported: readonly string[] }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(lines.join("\n"));
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  };
  return (
    <section className="aratame" aria-labelledby="aratame-heading">
      <div className="aratame-header">
        <h2 id="aratame-heading">改め文</h2>
        {lines.length ? (
          <button type="button" className="button-link" onClick={copy}>
            {copied ? "コピーしました" : "改め文をコピー"}
          </button>
        ) : null}
      </div>
      {unsupported.length ? (
        <div className="form-warning" role="note">
          <p>次の変更は改め文で表していません。新旧対照表で確かめてください。</p>
          <ul>
            {unsupported.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {lines.length ? (
        <pre className="aratame-text">{lines.join("\n")}</pre>
      ) : (
        <p className="muted">改め文にする変更はありません。</p>
      )}
    </section>
  );
}
