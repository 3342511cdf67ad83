import { HocuspocusProvider } from "@hocuspocus/provider";
import { baseKeymap } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { EditorState, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { useEffect, useRef, useState } from "react";
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from "y-prosemirror";
import * as Y from "yjs";
import { COLLAB_PATH, draftDocumentName, PROSEMIRROR_FRAGMENT } from "../../../collab-server/protocol";
import { COMMANDS, ordinanceKeymap, ordinanceSchema, outline, uniqueIdPlugin, type OutlineEntry } from "../../../ordinance/model";
import type { NumberingStyle } from "../../../ordinance/numbering";
import { numberingKey, numberingPlugin } from "./numbering-plugin";
import { pastedTextToSlice } from "../../../ordinance/formats/html-paste";
import { parseLiveEvent, type LiveEvent } from "../../../drafting/live-events";

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
export function DraftEditor({ draftId, style, canEdit, user, onLiveEvent }: Props) {
  const mount = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [save, setSave] = useState<SaveState>("connecting");
  const [entries, setEntries] = useState<OutlineEntry[]>([]);
  const [others, setOthers] = useState<Peer[]>([]);
  const liveEventRef = useRef(onLiveEvent);
  liveEventRef.current = onLiveEvent;

  useEffect(() => {
    const ydoc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLAB_PATH}`;
    // The session cookie travels with the WebSocket upgrade; the token only has to be non-empty.
    const provider = new HocuspocusProvider({ url, name: draftDocumentName(draftId), document: ydoc, token: "session-cookie" });
    provider.setAwarenessField("user", { id: user.id, name: user.name, color: COLORS[user.id % COLORS.length] });

    let synced = false;
    let connected = false;
    let ended = false;
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
    provider.on("authenticationFailed", () => {
      ended = true;
      updateSave();
      provider.disconnect();
    });
    provider.on("stateless", ({ payload }: { payload: string }) => {
      const event = parseLiveEvent(payload);
      if (event && event.draftId === draftId) liveEventRef.current?.(event);
    });
    type AwarenessState = { clientId: number; user?: { id: number; name: string; color: string }; clause?: string | null };
    provider.on("awarenessChange", ({ states }: { states: AwarenessState[] }) => {
      // One entry per person: someone with two tabs open is shown once, where they last moved.
      const peers = new Map<number, Peer>();
      for (const s of states) {
        if (s.clientId === ydoc.clientID || !s.user || s.user.id === user.id) continue;
        const known = peers.get(s.user.id);
        if (!known || (!known.clause && s.clause)) peers.set(s.user.id, { userId: s.user.id, name: s.user.name, color: s.user.color, clause: s.clause ?? null });
      }
      setOthers([...peers.values()]);
    });
    let clause: string | null = null;

    const state = EditorState.create({
      schema: ordinanceSchema,
      plugins: [
        ySyncPlugin(ydoc.getXmlFragment(PROSEMIRROR_FRAGMENT)),
        yCursorPlugin(provider.awareness!),
        yUndoPlugin(),
        keymap({ "Mod-z": undo, "Mod-y": redo, "Mod-Shift-z": redo }),
        ordinanceKeymap,
        keymap(baseKeymap),
        // Only the client that makes a change fixes its ids; receivers would make them flip.
        uniqueIdPlugin({ ignoreTransaction: (tr) => Boolean(tr.getMeta(ySyncPluginKey)?.isChangeOrigin) }),
        numberingPlugin(style),
      ],
    });
    let frame = 0;
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
          provider.setAwarenessField("clause", here);
        }
        if (tr.docChanged || tr.getMeta(numberingKey)) {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => setEntries(outline(current.state.doc, numberingKey.getState(current.state)!.style)));
        }
      },
    });
    viewRef.current = view;
    setEntries(outline(view.state.doc, style));
    return () => {
      cancelAnimationFrame(frame);
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

  const run = (command: (typeof COMMANDS)[number]["command"]) => {
    const view = viewRef.current;
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  };

  const goTo = (id: string | null) => {
    const view = viewRef.current;
    if (!view || !id) return;
    let target = -1;
    view.state.doc.descendants((node, pos) => {
      if (target >= 0) return false;
      if (node.attrs.id === id) target = pos;
      return true;
    });
    if (target < 0) return;
    const selection = TextSelection.near(view.state.doc.resolve(target + 1));
    view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
    view.focus();
  };

  if (save === "ended") {
    return (
      <div className="form-error" role="alert">
        <p>この条例案との接続が終了しました。ログアウトしたか、権限が変わった可能性があります。</p>
        <p>
          <a href={`/login?next=${encodeURIComponent(`/drafts/${draftId}`)}`}>もう一度ログインして開き直してください</a>。
        </p>
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
            <span className="muted">閲覧のみです。条ごとの意見は研究会の意見機能から提出できます。</span>
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
