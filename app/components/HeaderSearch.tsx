import { Form, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { Highlighted } from "../../search/engine";
import { Highlight } from "./Highlight";

interface Suggestion {
  id: string;
  href: string;
  title: Highlighted;
  locator: string | null;
  kindLabel: string;
  snippet: Highlighted;
}

const DEBOUNCE_MS = 180;

/**
 * The header search box: a plain GET form to /search, which JavaScript turns into a
 * combobox showing the first hits as you type (↑↓ to choose, Enter to open, Esc to close).
 */
export function HeaderSearch() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const listId = useId();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [result, setResult] = useState<{ total: number; hits: Suggestion[]; notice: string | null } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const resultRef = useRef<{ hits: Suggestion[] } | null>(null);

  useEffect(() => {
    if (!query.trim()) {
      setResult(null);
      return;
    }
    const timer = setTimeout(async () => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(query)}`, { signal: abort.signal });
        if (res.ok) {
          const next = (await res.json()) as { total: number; hits: Suggestion[]; notice: string | null };
          // Results may arrive after the person has chosen with ↓: keep that choice if it is still listed.
          setActive((current) => {
            const chosen = current >= 0 ? resultRef.current?.hits[current]?.id : undefined;
            return chosen ? next.hits.findIndex((h) => h.id === chosen) : -1;
          });
          resultRef.current = next;
          setResult(next);
        }
      } catch {
        // Superseded by the next keystroke, or offline: the full search page still works.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const hits = result?.hits ?? [];
  const showList = open && query.trim() !== "" && result !== null;
  const allHref = `/search?q=${encodeURIComponent(query)}`;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, hits.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && showList && active >= 0) {
      event.preventDefault();
      setOpen(false);
      navigate(active < hits.length ? hits[active]!.href : allHref);
    }
  }

  return (
    <Form method="get" action="/search" role="search" className="header-search" onSubmit={() => setOpen(false)}>
      <label htmlFor="header-search-input" className="visually-hidden">
        ナレッジと条例案を検索
      </label>
      <div className="combobox">
        <input
          id="header-search-input"
          type="search"
          name="q"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            // A changed query has not been chosen from yet: Enter searches it.
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          placeholder="施策・会議録・決定事項・条文を検索"
          autoComplete="off"
          maxLength={1000}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        />
        {showList ? (
          <ul id={listId} role="listbox" className="suggestions" aria-label="検索結果の候補">
            {hits.map((hit, i) => (
              <li
                key={hit.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  setOpen(false);
                  navigate(hit.href);
                }}
              >
                <span className="suggestion-kind">{hit.kindLabel}</span>
                <span className="suggestion-title">
                  <Highlight value={hit.title} />
                  {hit.locator ? <span className="part-label">{` › ${hit.locator}`}</span> : null}
                </span>
                <span className="suggestion-snippet">
                  <Highlight value={hit.snippet} />
                </span>
              </li>
            ))}
            <li
              id={`${listId}-${hits.length}`}
              role="option"
              aria-selected={active === hits.length}
              className={`suggestion-all${active === hits.length ? " active" : ""}`}
              onMouseDown={(e) => {
                e.preventDefault();
                setOpen(false);
                navigate(allHref);
              }}
            >
              {result!.notice ?? (hits.length ? `すべての結果を見る（${result!.total}件）` : "候補はありません。Enterで詳しく検索します")}
            </li>
          </ul>
        ) : null}
      </div>
      <button type="submit">検索</button>
    </Form>
  );
}
