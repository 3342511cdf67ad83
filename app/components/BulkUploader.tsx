import { Form, useNavigate } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";

const ACCEPT = ".pdf,.docx,.txt,.md,.markdown,.xml";

/**
 * The upload form. Without JavaScript it posts every file at once; with JavaScript it sends
 * them one by one so a progress bar can say how far it has got, and a bad file is reported
 * while the rest carry on.
 */
export function BulkUploader({ batch }: { batch: string }) {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string; failures: string[] } | null>(null);

  async function upload(event: FormEvent<HTMLFormElement>) {
    const files = [...(input.current?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    const failures: string[] = [];
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length, current: file.name, failures: [...failures] });
      const body = new FormData();
      body.set("batch", batch);
      body.set("files", file);
      try {
        const res = await fetch("/api/import", { method: "POST", body });
        const json = (await res.json()) as { error?: string; items?: { status: string; error: string | null }[] };
        if (json.error) failures.push(`${file.name}：${json.error}`);
      } catch {
        failures.push(`${file.name}：送信できませんでした。ネットワークを確かめてください。`);
      }
    }
    setProgress({ done: files.length, total: files.length, current: "", failures });
    navigate(`/knowledge/import?batch=${batch}`);
  }

  return (
    <Form method="post" encType="multipart/form-data" onSubmit={upload} className="panel upload-form">
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="batch" value={batch} />
      <div className="field">
        <label htmlFor="files">取り込むファイル（複数選択できます）</label>
        <input ref={input} id="files" name="files" type="file" multiple accept={ACCEPT} required aria-describedby="files-hint" />
        <p id="files-hint" className="hint">
          PDF・Word(DOCX)・テキスト・Markdown・e-Gov法令XMLに対応しています。1ファイル50MBまでです。
        </p>
      </div>
      <button type="submit" className="button-primary" disabled={Boolean(progress && progress.done < progress.total)}>
        読み取ってプレビュー
      </button>
      {progress ? (
        <div className="upload-progress" role="status" aria-live="polite">
          <progress value={progress.done} max={progress.total} />
          <span>
            {progress.done} / {progress.total} 件を処理しました{progress.current ? `（${progress.current} を読み取り中）` : ""}
          </span>
        </div>
      ) : null}
    </Form>
  );
}
