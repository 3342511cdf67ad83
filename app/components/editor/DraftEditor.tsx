import { HocuspocusProvider } from "@hocuspocus/provider";
import { baseKeymap } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { EditorState, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { useEffect, useRef, useState } from "react";
import { absolutePositionToRelativePosition, redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from "y-prosemirror";
import * as Y from "yjs";
import { confirmOfflineEditsBySync } from "../../../collab-server/client";
import { CloseCode, COLLAB_PATH, draftDocumentName, PROSEMIRROR_FRAGMENT } from "../../../collab-server/protocol";
import { COMMANDS, ordinanceKeymap, ordinanceSchema, outline, uniqueIdPlugin, type OutlineEntry } from "../../../ordinance/model";
import type { NumberingStyle } from "../../../ordinance/numbering";
import { numberingKey, numberingPlugin } from "./numbering-plugin";
import { commentMarkersKey, commentMarkersPlugin, type ClauseCommentCount } from "./comment-markers";
import { ownText } from "../../../drafting/clauses";
import type { CurrentClause } from "../comments/CommentsPanel";
import { pastedTextToSlice } from "../../../ordinance/formats/html-paste";
import { parseLiveEvent, type LiveEvent } from "../../../drafting/live-events";

/** Why the connection ended for good: the session, a refused change, or too many tabs. */
type EndReason = "session" | "invalid" | "tooMany";

export type SaveState = "connecting" | "saved" | "saving" | "offline" | "ended";

const SAVE_LABELS: Record<SaveState, string> = {
  connecting: "接続しています…",
  saved: "保存しました",
  saving: "保存しています…",
  offline: "オフラインです。再接続すると自動で保存されます",
  ended: "接続が終了しました",
};

const COLORS = ["#1f5f7a", "#a23b2a", "#2f6b3a", "#6b4e9b", "#8a5a00", "#00707a"];

interface Props {
  draftId: number;
  style: NumberingStyle;
  canEdit: boolean;
  user: { id: number; name: string };
  /** A live event for this draft (another person renamed it, …). */
  onLiveEvent?: (event: LiveEvent) => void;
  /** Comment threads per clause id, for the gutter markers. */
  commentCounts?: ReadonlyMap<string, ClauseCommentCount>;
  /** Open threads per article id, for the heat strip along the 目次. */
  heat?: ReadonlyMap<string, number>;
  /** The clause at the caret changed (for the comments panel). */
  onCurrentClause?: (clause: CurrentClause | null) => void;
  /** A gutter marker was pressed. */
  onOpenComments?: (clauseId: string) => void;
  /** Ctrl+Alt+M: start a comment on the selection. */
  onCompose?: () => void;
  /** Every clause's address as numbered now, after each change (comments follow renumbering live). */
  onAddresses?: (addresses: ReadonlyMap<string, string>) => void;
  /** Move the caret to this clause (the nonce repeats a request for the same clause). */
  showClause?: { id: string; nonce: number } | null;
}

const CLAUSE_NODES = new Set(["article", "paragraph", "item", "subitem"]);

/** The innermost clause at the selection, with the selected text and its Yjs positions. */
function currentClauseOf(state: EditorState): CurrentClause | null {
  const { $from, from, to, empty } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (!CLAUSE_NODES.has(node.type.name) || !node.attrs.id) continue;
    const numbered = numberingKey.getState(state)?.numbers.get(node.attrs.id as string);
    if (!numbered) return null;
    let range: CurrentClause["range"] = null;
    if (!empty && to <= $from.end(d)) {
      const text = state.doc.textBetween(from, to, "");
      const binding = ySyncPluginKey.getState(state)?.binding;
      if (text.trim() && binding) {
        const relative = (pos: number) => Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, binding.type, binding.mapping));
        range = { start: relative(from), end: relative(to), text };
      }
    }
    return { id: node.attrs.id as string, address: numbered.address, text: ownText(node), range };
  }
  return null;
}

function sameClause(a: CurrentClause | null, b: CurrentClause | null): boolean {
  return a?.id === b?.id && a?.address === b?.address && a?.range?.text === b?.range?.text && a?.text === b?.text;
}

/** Another person with the draft open, from the awareness state (once per person, not per tab). */
interface Peer {
  userId: number;
  name: string;
  color: string;
  /** The id of the article their caret is in. */
  clause: string | null;
}

/** The id of the article that holds the selection's head, or null outside any article. */
function articleIdAt(state: EditorState): string | null {
  const $head = state.selection.$head;
  for (let d = $head.depth; d > 0; d--) {
    const node = $head.node(d);
    if (node.type.name === "article") return (node.attrs.id as string | null) ?? null;
  }
  return null;
}

/**
 * The drafting editor. Client only: it binds a ProseMirror view to the draft's Yjs
 * document through the collaboration server; numbering is drawn, never typed.
 */
export function DraftEditor({ draftId, style, canEdit, user, onLiveEvent, commentCounts, heat, onCurrentClause, onOpenComments, onCompose, onAddresses, showClause }: Props) {
  const mount = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [save, setSave] = useState<SaveState>("connecting");
  const [entries, setEntries] = useState<OutlineEntry[]>([]);
  const [others, setOthers] = useState<Peer[]>([]);
  const [endReason, setEndReason] = useState<EndReason>("session");
  // Callbacks change on every render; the editor, made once, reads the latest through refs.
  const callbacks = useRef({ onLiveEvent, onCurrentClause, onOpenComments, onCompose, onAddresses });
  callbacks.current = { onLiveEvent, onCurrentClause, onOpenComments, onCompose, onAddresses };
  // A clause asked for before the first sync filled the document (a link to /drafts/3#<id>).
  const pendingClause = useRef<string | null>(null);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLAB_PATH}`;
    // The session cookie travels with the WebSocket upgrade; the token only has to be non-empty.
    const provider = new HocuspocusProvider({ url, name: draftDocumentName(draftId), document: ydoc, token: "session-cookie" });
    confirmOfflineEditsBySync(provider);
    provider.setAwarenessField("user", { id: user.id, name: user.name, color: COLORS[user.id % COLORS.length] });

    let synced = false;
    let connected = false;
    let ended = false;
    const end = (why: EndReason) => {
      ended = true;
      setEndReason(why);
      updateSave();
      provider.disconnect();
    };
    const updateSave = () => {
      if (ended) setSave("ended");
      else if (!connected) setSave(synced ? "offline" : "connecting");
      else if (!synced) setSave("connecting");
      else setSave(provider.unsyncedChanges > 0 ? "saving" : "saved");
    };
    provider.on("status", ({ status }: { status: string }) => {
      connected = status === "connected";
      updateSave();
    });
    provider.on("unsyncedChanges", updateSave);
    provider.on("synced", () => {
      synced = true;
      updateSave();
    });
    // Logged out, deactivated or a changed role: the server ends the session and refuses
    // the provider's reconnection; saying so beats retrying for ever.
    provider.on("authenticationFailed", () => end("session"));
    // Refusals that reconnecting would only repeat.
    provider.on("close", ({ event }: { event: { code: number } }) => {
      if (event.code === CloseCode.InvalidContent) end("invalid");
      else if (event.code === CloseCode.TooManyConnections) end("tooMany");
    });
    provider.on("stateless", ({ payload }: { payload: string }) => {
      const event = parseLiveEvent(payload);
      if (event && event.draftId === draftId) callbacks.current.onLiveEvent?.(event);
    });
    type AwarenessState = { clientId: number; user?: { id: number; name: string; color: string }; clause?: { id: string | null; at: number } };
    provider.on("awarenessChange", ({ states }: { states: AwarenessState[] }) => {
      // One entry per person: someone with two tabs open is shown once, where they last moved.
      const peers = new Map<number, Peer & { at: number }>();
      for (const s of states) {
        if (s.clientId === ydoc.clientID || !s.user || s.user.id === user.id) continue;
        const at = s.clause?.at ?? 0;
        const known = peers.get(s.user.id);
        if (!known || at > known.at) peers.set(s.user.id, { userId: s.user.id, name: s.user.name, color: s.user.color, clause: s.clause?.id ?? null, at });
      }
      setOthers([...peers.values()].map(({ at: _at, ...peer }) => peer));
    });
    let clause: string | null = null;

    const state = EditorState.create({
      schema: ordinanceSchema,
      plugins: [
        ySyncPlugin(ydoc.getXmlFragment(PROSEMIRROR_FRAGMENT)),
        yCursorPlugin(provider.awareness!),
        yUndoPlugin(),
        keymap({ "Mod-z": undo, "Mod-y": redo, "Mod-Shift-z": redo }),
        keymap({
          "Mod-Alt-m": () => {
            callbacks.current.onCompose?.();
            return true;
          },
        }),
        commentMarkersPlugin((clauseId) => callbacks.current.onOpenComments?.(clauseId)),
        ordinanceKeymap,
        keymap(baseKeymap),
        // Only the client that makes a change fixes its ids; receivers would make them flip.
        uniqueIdPlugin({ ignoreTransaction: (tr) => Boolean(tr.getMeta(ySyncPluginKey)?.isChangeOrigin) }),
        numberingPlugin(style),
      ],
    });
    let frame = 0;
    let clauseFrame = 0;
    let shownClause: CurrentClause | null = null;
    const view = new EditorView(mount.current!, {
      state,
      editable: () => canEdit,
      // Paste reads the plain text only: structure (第n条, （見出し）, ２, (1)) is rebuilt from
      // it where it maps, so no HTML from Word or a web page ever enters the draft.
      handlePaste(pasteView, event) {
        const text = event.clipboardData?.getData("text/plain");
        if (!text) return true;
        const slice = pastedTextToSlice(text, numberingKey.getState(pasteView.state)!.style);
        const { state } = pasteView;
        // Whole articles go after the current article, rather than splitting it around the caret.
        const $from = state.selection.$from;
        let articleDepth = -1;
        for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === "article") articleDepth = d;
        if (slice.openStart === 0 && slice.content.firstChild?.type.name === "article" && articleDepth > 0) {
          const after = $from.after(articleDepth);
          const tr = state.tr.insert(after, slice.content);
          pasteView.dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(after + 1))).scrollIntoView());
        } else {
          pasteView.dispatch(state.tr.replaceSelection(slice).scrollIntoView());
        }
        return true;
      },
      attributes: { class: "ordinance-editor", "aria-label": "条例案の本文", role: "textbox", "aria-multiline": "true" },
      // `this`, not `view`: y-prosemirror dispatches while the view is still being constructed.
      dispatchTransaction(this: EditorView, tr) {
        const current = this;
        current.updateState(current.state.apply(tr));
        const here = articleIdAt(current.state);
        if (here !== clause) {
          clause = here;
          provider.setAwarenessField("clause", { id: here, at: Date.now() });
        }
        if (tr.docChanged || tr.getMeta(numberingKey)) {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => {
            const numbering = numberingKey.getState(current.state)!;
            setEntries(outline(current.state.doc, numbering.style));
            // Not before the first sync has filled the document: every comment would look orphaned.
            if (!numbering.numbers.size) return;
            callbacks.current.onAddresses?.(new Map([...numbering.numbers].map(([id, n]) => [id, n.address])));
            if (pendingClause.current) goTo(pendingClause.current);
            pendingClause.current = null;
          });
        }
        if (tr.docChanged || tr.selectionSet || tr.getMeta(numberingKey)) {
          cancelAnimationFrame(clauseFrame);
          clauseFrame = requestAnimationFrame(() => {
            const next = currentClauseOf(current.state);
            if (sameClause(next, shownClause)) return;
            shownClause = next;
            callbacks.current.onCurrentClause?.(next);
          });
        }
      },
    });
    viewRef.current = view;
    setEntries(outline(view.state.doc, style));
    return () => {
      cancelAnimationFrame(frame);
      cancelAnimationFrame(clauseFrame);
      view.destroy();
      provider.destroy();
      ydoc.destroy();
      viewRef.current = null;
    };
  }, [draftId, canEdit, user.id, user.name]);

  // The style is a draft setting; switching it redraws every label without touching the text.
  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(view.state.tr.setMeta(numberingKey, style));
  }, [style]);

  useEffect(() => {
    const view = viewRef.current;
    if (view && commentCounts) view.dispatch(view.state.tr.setMeta(commentMarkersKey, commentCounts));
  }, [commentCounts, save === "ended"]);

  useEffect(() => {
    if (!showClause || goTo(showClause.id)) return;
    const view = viewRef.current;
    // Not synced yet: go there once the first sync has filled the document.
    if (!view || !numberingKey.getState(view.state)?.numbers.size) pendingClause.current = showClause.id;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showClause]);

  const maxHeat = Math.max(1, ...(heat ? heat.values() : []));

  const run = (command: (typeof COMMANDS)[number]["command"]) => {
    const view = viewRef.current;
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  };

  /** Moves the caret to the clause with this id; false when the document does not hold it (yet). */
  const goTo = (id: string | null): boolean => {
    const view = viewRef.current;
    if (!view || !id) return false;
    let target = -1;
    view.state.doc.descendants((node, pos) => {
      if (target >= 0) return false;
      if (node.attrs.id === id) target = pos;
      return true;
    });
    if (target < 0) return false;
    const selection = TextSelection.near(view.state.doc.resolve(target + 1));
    view.dispatch(view.state.tr.setSelection(selection));
    // Scrolled by its element: ProseMirror scrolls only to a selection in the DOM, which a read-only editor has not.
    (view.nodeDOM(target) as HTMLElement | null)?.scrollIntoView({ block: "center" });
    view.focus();
    return true;
  };

  if (save === "ended") {
    return (
      <div className="form-error" role="alert">
        {endReason === "session" ? (
          <>
            <p>この条例案との接続が終了しました。ログアウトしたか、権限が変わった可能性があります。</p>
            <p>
              <a href={`/login?next=${encodeURIComponent(`/drafts/${draftId}`)}`}>もう一度ログインして開き直してください</a>。
            </p>
          </>
        ) : endReason === "invalid" ? (
          <>
            <p>直前の変更は条文の構成として正しくないため、保存されませんでした（同時に別の人が同じ箇所を変更した場合などに起こります）。</p>
            <p>
              <a href={`/drafts/${draftId}`}>ページを再読み込み</a>して、最新の条文から編集を続けてください。
            </p>
          </>
        ) : (
          <p>この条例案を開いている画面が多すぎます。使っていないタブやウィンドウを閉じてから、ページを再読み込みしてください。</p>
        )}
      </div>
    );
  }

  return (
    <div className="editor-layout">
      <nav className="editor-outline panel" aria-labelledby="outline-title">
        <h2 id="outline-title">目次</h2>
        <ol>
          {entries.map((e, i) => (
            <li key={`${e.id ?? i}`} className={`outline-${e.kind} depth-${e.depth}`}>
              {heat && e.kind === "article" ? <HeatMark count={(e.id && heat.get(e.id)) || 0} max={maxHeat} /> : null}
              <button type="button" className="outline-link" onClick={() => goTo(e.id)}>
                {e.label}
                {e.title ? (e.kind === "article" ? `（${e.title}）` : `　${e.title}`) : ""}
              </button>
              <OutlinePresence peers={others.filter((o) => e.id !== null && o.clause === e.id)} />
            </li>
          ))}
        </ol>
      </nav>
      <div className="editor-main">
        <div className="editor-toolbar" role="toolbar" aria-label="編集">
          {canEdit ? (
            <>
              {COMMANDS.map((c) => (
                <button key={c.name} type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => run(c.command)} title={c.shortcut ? `${c.label}（${c.shortcut}）` : c.label}>
                  {c.label}
                </button>
              ))}
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => run(undo)} title="元に戻す（Ctrl+Z）">
                元に戻す
              </button>
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => run(redo)} title="やり直す（Ctrl+Y）">
                やり直す
              </button>
            </>
          ) : (
            <span className="muted">閲覧のみです。条・項・号を選ぶと、右の「意見」欄から意見を書けます。</span>
          )}
          <span className={`save-state save-${save}`} role="status" aria-live="polite">
            {SAVE_LABELS[save]}
          </span>
        </div>
        {others.length ? (
          <p className="presence" aria-label="同時に開いている人">
            {others.map((o) => (
              <span key={o.userId} className="presence-user" style={{ borderColor: o.color }}>
                {o.name}
              </span>
            ))}
          </p>
        ) : null}
        <div ref={mount} className="editor-paper" />
      </div>
    </div>
  );
}

/** Who is in this article: a coloured mark per person, named for screen readers and on hover. */
function OutlinePresence({ peers }: { peers: Peer[] }) {
  if (!peers.length) return null;
  const names = peers.map((p) => `${p.name}さん`).join("、");
  return (
    <span className="outline-presence" role="img" aria-label={`${names}がこの条にいます`} title={`${names}がこの条にいます`}>
      {peers.map((p) => (
        <span key={p.userId} className="outline-presence-mark" style={{ backgroundColor: p.color }}>
          {p.name.slice(0, 1)}
        </span>
      ))}
    </span>
  );
}

/** The heat strip: how many open comments an article has, as the strength of a bar. */
function HeatMark({ count, max }: { count: number; max: number }) {
  const label = count ? `未解決の意見 ${count}件` : "未解決の意見はありません";
  return <span className="heat-mark" style={{ opacity: count ? 0.25 + (0.75 * count) / max : 0.08 }} role="img" aria-label={label} title={label} />;
}
