-- Draft ordinances. The text lives in a Yjs document: every accepted update is appended
-- to draft_updates before its client is told it is synced; a snapshot merges the log
-- from time to time so a draft opens fast. Numbering is never stored.
CREATE TABLE drafts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  numbering_style text NOT NULL DEFAULT 'horizontal' CHECK (numbering_style IN ('horizontal', 'vertical')),
  seed_key text UNIQUE,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE draft_updates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id integer NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  update bytea NOT NULL,
  user_id integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX draft_updates_draft_idx ON draft_updates (draft_id, id);

CREATE TABLE draft_snapshots (
  draft_id integer PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
  state bytea NOT NULL,
  up_to_update bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
