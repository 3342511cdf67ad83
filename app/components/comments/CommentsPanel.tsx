import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Action } from "../../../auth/policy";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS, DISPOSITIONS, type CommentKind } from "../../../comments/comments";
import type { CommentView, ThreadView } from "../../../comments/threads";
import type { LinkView } from "../../../knowledge/links";
import type { Highlighted } from "../../../search/engine";
import type { CommentActionResult } from "../../routes/drafts.$id.comments";
import { Highlight } from "../Highlight";

// Tokyo time, so the server's and the browser's rendering agree.
const STAMP = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  timeZone: "Asia/Tokyo",
  era: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

function Timestamp({ value }: { value: string }) {
  return <time dateTime={value}>{STAMP.format(new Date(value))}</time>;
}

// The side panel of the draft page: the threads of the draft (or of one clause), filters,
// and the form for a new comment on the clause or range where the caret is.

/** The clause at the caret, and the selected text inside it if any. */
export interface CurrentClause {
  id: string;
  address: string;
  text: string;
  range: { start: unknown; end: unknown; text: string } | null;
}

type StatusFilter = "all" | "open" | "resolved" | "mine";

interface Props {
  draftId: number;
  threads: ThreadView[];
  permissions: Record<Action, boolean>;
  userId: number;
  current: CurrentClause | null;
  /** Show only this clause's threads (a gutter marker was pressed). */
  clauseFilter: string | null;
  onClearClauseFilter(): void;
  /** Moves the editor to a clause. */
  onShowClause(clauseId: string): void;
  onBehalf: { members: { id: number; name: string }[]; minutes: { id: number; title: string }[] } | null;
  /** Changes when the keyboard shortcut asks for a new comment. */
  composeRequest: number;
  /** Addresses as the editor numbers them now; null until the draft is loaded. */
  addresses: ReadonlyMap<string, string> | null;
  /** 根拠資料 by clause id. */
  evidence: Record<string, LinkView[]>;
}

export function CommentsPanel(props: Props) {
  const { permissions, userId, clauseFilter, addresses } = props;
  // The server placed each thread when the page loaded; the editor knows where its clause is now.
  const threads = addresses
    ? props.threads.map((t) => {
        const now = addresses.get(t.clauseId);
        return now ? { ...t, address: now, clauseDeleted: false } : { ...t, clauseDeleted: true };
      })
    : props.threads;
  const [status, setStatus] = useState<StatusFilter>("all");
  const [kind, setKind] = useState<CommentKind | "">("");
  const [disposition, setDisposition] = useState<string>("");
  const mayWrite = permissions["comment.create"] || permissions["comment.onBehalf"];

  const shown = threads
    .filter((t) => !clauseFilter || t.clauseId === clauseFilter)
    .filter((t) => status === "all" || (status === "mine" ? involves(t, userId) : t.status === status))
    .filter((t) => !kind || t.kind === kind)
    .filter((t) => !disposition || (disposition === "none" ? t.disposition === null : t.disposition === disposition));
  const openCount = threads.filter((t) => t.status === "open").length;

  // A link to one comment (#comment-12, from the home page or a search hit) opens it here,
  // also when it is followed from this very page (the header search).
  const { hash } = useLocation();
  useEffect(() => {
    const match = /^#comment-(\d+)$/.exec(hash);
    if (!match) return;
    const element = document.getElementById(`comment-${match[1]}`);
    element?.scrollIntoView({ block: "center" });
    element?.focus({ preventScroll: true });
  }, [hash]);

  return (
    <aside className="comments-panel panel" aria-labelledby="comments-title">
      <div className="comments-head">
        <h2 id="comments-title">意見</h2>
        <span className="muted">
          {threads.length}件（未解決 {openCount}件）
        </span>
      </div>
      {mayWrite ? <NewComment {...props} /> : null}
      {props.current ? <Evidence {...props} current={props.current} /> : null}
      <div className="comments-filters" role="group" aria-label="意見の絞り込み">
        <label>
          <span className="visually-hidden">状態</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} aria-label="状態で絞り込む">
            <option value="all">すべての状態</option>
            <option value="open">未解決</option>
            <option value="resolved">解決済み</option>
            <option value="mine">自分が関わった意見</option>
          </select>
        </label>
        <select value={kind} onChange={(e) => setKind(e.target.value as CommentKind | "")} aria-label="種類で絞り込む">
          <option value="">すべての種類</option>
          {Object.entries(COMMENT_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select value={disposition} onChange={(e) => setDisposition(e.target.value)} aria-label="対応区分で絞り込む">
          <option value="">すべての対応区分</option>
          <option value="none">未対応</option>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {DISPOSITION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      {clauseFilter ? (
        <p className="comments-clause-filter">
          {threads.find((t) => t.clauseId === clauseFilter)?.address ?? "選んだ条項"}の意見だけを表示しています。
          <button type="button" className="link-button" onClick={props.onClearClauseFilter}>
            すべて表示
          </button>
        </p>
      ) : null}
      {shown.length ? (
        <ol className="comment-threads">
          {shown.map((t) => (
            <Thread key={t.id} {...props} thread={t} />
          ))}
        </ol>
      ) : (
        <p className="muted comments-empty">
          {threads.length ? "条件に合う意見はありません。" : mayWrite ? "まだ意見はありません。条文を選んで、最初の意見を書いてください。" : "まだ意見はありません。"}
        </p>
      )}
    </aside>
  );
}

function involves(t: ThreadView, userId: number): boolean {
  return t.author.id === userId || t.onBehalfOf?.id === userId || t.replies.some((r) => r.author.id === userId);
}

function Outcome({ result }: { result: CommentActionResult | undefined }) {
  if (!result) return null;
  return (
    <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}

function NewComment({ draftId, current, permissions, onBehalf, composeRequest }: Props) {
  const fetcher = useFetcher<CommentActionResult>();
  const [kind, setKind] = useState<CommentKind>("comment");
  const [onBehalfMode, setOnBehalfMode] = useState(!permissions["comment.create"]);
  const [useRange, setUseRange] = useState(true);
  const form = useRef<HTMLFormElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (composeRequest) body.current?.focus();
  }, [composeRequest]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && fetcher.data.intent === "create") {
      form.current?.reset();
      setKind("comment");
    }
  }, [fetcher.state, fetcher.data]);

  if (!current) {
    return <p className="muted comments-hint">意見を書くには、本文の条・項・号をクリックしてください。文字を選んで Ctrl+Alt+M を押すと、その部分への意見になります。</p>;
  }
  const range = useRange ? current.range : null;
  return (
    <fetcher.Form method="post" action={`/drafts/${draftId}/comments`} className="comment-form" ref={form}>
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="clauseId" value={current.id} />
      <input type="hidden" name="range" value={range ? JSON.stringify(range) : ""} />
      <p className="comment-target">
        <strong>{current.address}</strong>への意見
        {current.range ? (
          <label className="inline-check">
            <input type="checkbox" checked={useRange} onChange={(e) => setUseRange(e.target.checked)} />
            選んだ部分「{shorten(current.range.text, 30)}」について
          </label>
        ) : null}
      </p>
      <div className="field">
        <label htmlFor="comment-kind">種類</label>
        <select id="comment-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as CommentKind)}>
          {Object.entries(COMMENT_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="comment-body">{kind === "suggestion" ? "修文の理由" : "内容"}</label>
        <textarea id="comment-body" name="body" ref={body} rows={3} required maxLength={4000} />
      </div>
      {kind === "suggestion" ? (
        <div className="field">
          <label htmlFor="comment-suggestion">{range ? "選んだ部分をこう改める（修文案）" : "この条項の文をこう改める（修文案）"}</label>
          <textarea id="comment-suggestion" name="suggestion" rows={3} required maxLength={4000} defaultValue={range ? range.text : current.text} />
        </div>
      ) : null}
      {onBehalf ? (
        <fieldset className="comment-on-behalf">
          <legend>会議での発言として登録</legend>
          {permissions["comment.create"] ? (
            <label className="inline-check">
              <input type="checkbox" checked={onBehalfMode} onChange={(e) => setOnBehalfMode(e.target.checked)} />
              委員の発言を代わりに登録する
            </label>
          ) : null}
          {onBehalfMode ? (
            <>
              <div className="field">
                <label htmlFor="comment-member">発言した委員</label>
                <select id="comment-member" name="onBehalfOf" required>
                  <option value="">選んでください</option>
                  {onBehalf.members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="comment-minutes">会議録</label>
                <select id="comment-minutes" name="minutesRecordId" required>
                  <option value="">選んでください</option>
                  {onBehalf.minutes.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title}
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "送信しています…" : "意見を登録"}
        </button>
      </div>
      <Outcome result={fetcher.data?.intent === "create" ? fetcher.data : undefined} />
    </fetcher.Form>
  );
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function Byline({ comment }: { comment: CommentView }) {
  return (
    <p className="comment-byline">
      {comment.onBehalfOf ? (
        <>
          <strong>{comment.onBehalfOf.name}</strong>
          <span className="muted">
            （{comment.onBehalfOf.minutesTitle}での発言。{comment.author.name}が登録）
          </span>
        </>
      ) : (
        <strong>{comment.author.name}</strong>
      )}{" "}
      <span className="muted">
        <Timestamp value={comment.createdAt} />
        {comment.edited ? "（修正済み）" : ""}
      </span>
    </p>
  );
}

function CommentBody({ comment }: { comment: CommentView }) {
  if (comment.deleted) return <p className="muted comment-withdrawn">この意見は削除されました。</p>;
  if (comment.hidden && !comment.body) return <p className="muted comment-withdrawn">この意見は管理者により非表示にされました。</p>;
  return (
    <>
      {comment.hidden ? <p className="form-warning">非表示（理由：{comment.hidden.reason}）。管理者にだけ表示されています。</p> : null}
      <p className="comment-text">{comment.body}</p>
    </>
  );
}

function Thread({ thread: t, permissions, userId, draftId, onShowClause }: Props & { thread: ThreadView }) {
  const fetcher = useFetcher<CommentActionResult>();
  const [editing, setEditing] = useState(false);
  const [disposing, setDisposing] = useState(false);
  const busy = fetcher.state !== "idle";
  const action = `/drafts/${draftId}/comments`;
  const mine = t.author.id === userId;
  const canResolve = permissions["comment.dispose"] || (permissions["comment.create"] && (mine || t.onBehalfOf?.id === userId));
  const live = !t.deleted && !t.hidden;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      setEditing(false);
      setDisposing(false);
    }
  }, [fetcher.state, fetcher.data]);

  const button = (intent: string, label: string, extra: Record<string, string> = {}) => (
    <fetcher.Form method="post" action={action} className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="commentId" value={t.id} />
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="button-small" disabled={busy}>
        {label}
      </button>
    </fetcher.Form>
  );

  return (
    <li id={`comment-${t.id}`} tabIndex={-1} className={`comment-thread comment-${t.status}`} aria-label={`${t.address}への${COMMENT_KIND_LABELS[t.kind]}`}>
      <div className="comment-thread-head">
        <button type="button" className="link-button comment-address" onClick={() => onShowClause(t.clauseId)} disabled={t.clauseDeleted}>
          {t.address}
        </button>
        {t.clauseDeleted ? <span className="badge badge-warning">削除された条項</span> : null}
        <span className={`badge badge-kind-${t.kind}`}>{COMMENT_KIND_LABELS[t.kind]}</span>
        <span className={`badge ${t.status === "open" ? "badge-open" : "badge-resolved"}`}>{t.status === "open" ? "未解決" : "解決済み"}</span>
        {t.disposition ? <span className="badge badge-disposition">{DISPOSITION_LABELS[t.disposition]}</span> : null}
      </div>
      <blockquote className="comment-quote">
        {t.rangeText ? `「${t.rangeText}」` : shorten(t.writtenQuote, 120)}
        {t.writtenAddress !== t.address ? <span className="muted">（書かれた時点では{t.writtenAddress}）</span> : null}
      </blockquote>
      {t.version ? <p className="comment-version muted">{t.version}の後に書かれた意見</p> : null}
      <Byline comment={t} />
      {editing ? (
        <fetcher.Form method="post" action={action} className="comment-form">
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={t.id} />
          <label className="visually-hidden" htmlFor={`edit-body-${t.id}`}>
            意見の内容
          </label>
          <textarea id={`edit-body-${t.id}`} name="body" rows={3} defaultValue={t.body} required maxLength={4000} />
          {t.kind === "suggestion" ? (
            <>
              <label htmlFor={`edit-suggestion-${t.id}`}>修文案</label>
              <textarea id={`edit-suggestion-${t.id}`} name="suggestion" rows={3} defaultValue={t.suggestion ?? ""} required maxLength={4000} />
            </>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              修正を保存
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              やめる
            </button>
          </div>
        </fetcher.Form>
      ) : (
        <>
          <CommentBody comment={t} />
          {t.suggestion ? (
            <div className="comment-suggestion">
              <span className="comment-suggestion-label">修文案</span>
              <p>{t.suggestion}</p>
            </div>
          ) : null}
        </>
      )}
      {t.disposition || t.response ? (
        <div className="comment-response">
          <p>
            <strong>対応区分：{t.disposition ? DISPOSITION_LABELS[t.disposition] : "未対応"}</strong>
            {t.disposedBy ? <span className="muted">（{t.disposedBy}{t.settledVersion ? `・${t.settledVersion}の時点` : ""}）</span> : null}
          </p>
          {t.response ? <p className="comment-text">県の考え方：{t.response}</p> : null}
        </div>
      ) : null}
      {t.replies.length ? (
        <ol className="comment-replies">
          {t.replies.map((r) => (
            <li key={r.id} id={`comment-${r.id}`} tabIndex={-1}>
              <Byline comment={r} />
              <CommentBody comment={r} />
              {r.author.id === userId && !r.deleted ? button("delete", "削除") : null}
            </li>
          ))}
        </ol>
      ) : null}
      {disposing ? (
        <fetcher.Form method="post" action={action} className="comment-form">
          <input type="hidden" name="intent" value="dispose" />
          <input type="hidden" name="commentId" value={t.id} />
          <div className="field">
            <label htmlFor={`disposition-${t.id}`}>対応区分</label>
            <select id={`disposition-${t.id}`} name="disposition" defaultValue={t.disposition ?? "reflected"}>
              {DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {DISPOSITION_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`response-${t.id}`}>県の考え方</label>
            <textarea id={`response-${t.id}`} name="response" rows={3} defaultValue={t.response ?? ""} maxLength={4000} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              保存
            </button>
            <button type="button" onClick={() => setDisposing(false)}>
              やめる
            </button>
          </div>
        </fetcher.Form>
      ) : null}
      {live && !editing && !disposing ? (
        <div className="comment-actions">
          {t.kind === "suggestion" && permissions["comment.dispose"] && !t.clauseDeleted
            ? t.acceptedAt
              ? button("undoAccept", "反映を取り消す")
              : button("accept", "修文案を反映")
            : null}
          {permissions["comment.dispose"] ? (
            <button type="button" className="button-small" onClick={() => setDisposing(true)}>
              対応区分を設定
            </button>
          ) : null}
          {canResolve ? (t.status === "open" ? button("resolve", "解決済みにする") : button("reopen", "未解決に戻す")) : null}
          {mine && !t.disposition ? (
            <>
              <button type="button" className="button-small" onClick={() => setEditing(true)}>
                修正
              </button>
              {button("delete", "削除")}
            </>
          ) : null}
          {permissions["comment.moderate"] ? <HideForm thread={t} action={action} /> : null}
        </div>
      ) : null}
      {live && permissions["comment.create"] ? <ReplyForm thread={t} action={action} /> : null}
      <Outcome result={fetcher.data} />
    </li>
  );
}

function ReplyForm({ thread, action }: { thread: ThreadView; action: string }) {
  const fetcher = useFetcher<CommentActionResult>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post" action={action} className="comment-reply-form" ref={form}>
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="commentId" value={thread.id} />
      <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>
        {thread.address}の意見への返信
      </label>
      <textarea id={`reply-${thread.id}`} name="body" rows={1} placeholder="返信を書く" required maxLength={4000} />
      <button type="submit" className="button-small" disabled={fetcher.state !== "idle"}>
        返信
      </button>
      <Outcome result={fetcher.data && !fetcher.data.ok ? fetcher.data : undefined} />
    </fetcher.Form>
  );
}

function HideForm({ thread, action }: { thread: ThreadView; action: string }) {
  const fetcher = useFetcher<CommentActionResult>();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button-small" onClick={() => setOpen(true)}>
        非表示にする
      </button>
    );
  }
  return (
    <fetcher.Form method="post" action={action} className="comment-form">
      <input type="hidden" name="intent" value="hide" />
      <input type="hidden" name="commentId" value={thread.id} />
      <label htmlFor={`hide-${thread.id}`}>非表示にする理由（監査記録に残ります）</label>
      <input id={`hide-${thread.id}`} name="reason" required maxLength={4000} />
      <div className="form-actions">
        <button type="submit" className="button-small">
          非表示にする
        </button>
        <button type="button" className="button-small" onClick={() => setOpen(false)}>
          やめる
        </button>
      </div>
      <Outcome result={fetcher.data} />
    </fetcher.Form>
  );
}

interface EvidenceHit {
  id: string;
  href: string;
  title: Highlighted;
  locator: string | null;
  kindLabel: string;
  sourceType: "record" | "decision";
  sourceId: number;
  recordId: number | null;
  anchor: string | null;
}

/** 根拠資料 of the clause at the caret, and a search to attach a hit to it in one action. */
function Evidence({ draftId, current, evidence, permissions }: Props & { current: CurrentClause }) {
  const links = evidence[current.id] ?? [];
  const mayAttach = permissions["draft.edit"] || permissions["record.write"];
  const search = useFetcher<{ hits: EvidenceHit[]; total: number }>();
  const attach = useFetcher<CommentActionResult>();
  const [reason, setReason] = useState("");
  const action = `/drafts/${draftId}/comments`;
  useEffect(() => {
    if (attach.state === "idle" && attach.data?.ok) setReason("");
  }, [attach.state, attach.data]);
  return (
    <section className="evidence" aria-labelledby="evidence-title">
      <h3 id="evidence-title">根拠資料（{current.address}）</h3>
      {links.length ? (
        <ul className="evidence-list">
          {links.map((l) => (
            <li key={l.id}>
              <a href={l.other.type === "decision" ? `/decisions#decision-${l.other.id}` : `/knowledge/${l.other.id}${l.other.anchor ? `#${encodeURIComponent(l.other.anchor)}` : ""}`}>
                {l.other.title}
                {l.other.partLabel ? ` › ${l.other.partLabel}` : ""}
              </a>
              {l.reason ? <p className="muted">{l.reason}</p> : null}
              {mayAttach ? (
                <attach.Form method="post" action={action} className="inline-form">
                  <input type="hidden" name="intent" value="removeEvidence" />
                  <input type="hidden" name="linkId" value={l.id} />
                  <button type="submit" className="button-small" aria-label={`「${l.other.title}」を根拠資料から外す`}>
                    外す
                  </button>
                </attach.Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">この条項にはまだ根拠資料がありません。</p>
      )}
      {mayAttach ? (
        <>
          <search.Form method="get" action="/api/search" className="evidence-search" role="search">
            <label htmlFor="evidence-q" className="visually-hidden">
              根拠資料を検索
            </label>
            <input id="evidence-q" name="q" type="search" placeholder="ナレッジを検索して根拠資料を付ける" />
            <input type="hidden" name="scope" value="knowledge" />
            <button type="submit" className="button-small">
              検索
            </button>
          </search.Form>
          {search.data ? (
            search.data.hits.length ? (
              <>
                <label htmlFor="evidence-reason">根拠とする理由（任意）</label>
                <input id="evidence-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
                <ul className="evidence-hits">
                  {search.data.hits.map((hit) => (
                    <li key={hit.id}>
                      <span className="badge">{hit.kindLabel}</span> <Highlight value={hit.title} />
                      {hit.locator ? <span className="muted"> › {hit.locator}</span> : null}
                      <attach.Form method="post" action={action} className="inline-form">
                        <input type="hidden" name="intent" value="addEvidence" />
                        <input type="hidden" name="clauseId" value={current.id} />
                        <input type="hidden" name="targetType" value={hit.sourceType === "decision" ? "decision" : "record"} />
                        <input type="hidden" name="targetId" value={hit.sourceType === "decision" ? hit.sourceId : (hit.recordId ?? "")} />
                        <input type="hidden" name="targetAnchor" value={hit.sourceType === "decision" ? "" : (hit.anchor ?? "")} />
                        <input type="hidden" name="reason" value={reason} />
                        <button type="submit" className="button-small" disabled={attach.state !== "idle"}>
                          この条項の根拠にする
                        </button>
                      </attach.Form>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">見つかりませんでした。別の言葉で検索してください。</p>
            )
          ) : null}
          <Outcome result={attach.data} />
        </>
      ) : null}
    </section>
  );
}
