-- Clause-level comments on a draft. They live here, not in the Yjs document: a comment
-- points at a clause by its node id (stable through renumbering and moves) and keeps the
-- clause's address and quote from when it was written, plus the last address and quote
-- seen, so a comment on a deleted clause still says where it was.
CREATE TABLE comments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id integer NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  -- Replies belong to a thread; only top-level comments carry a kind and a disposition.
  parent_id integer REFERENCES comments(id) ON DELETE CASCADE,
  clause_id text NOT NULL CHECK (length(clause_id) BETWEEN 1 AND 100),
  written_address text NOT NULL,
  written_quote text NOT NULL,
  last_address text NOT NULL,
  last_quote text NOT NULL,
  -- The clause was not in the draft the last time anyone looked.
  clause_deleted boolean NOT NULL DEFAULT false,
  -- An optional range inside the clause: Yjs relative positions (JSON), and its text then.
  range_start jsonb,
  range_end jsonb,
  range_text text,
  kind text NOT NULL CHECK (kind IN ('comment', 'question', 'suggestion')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  -- 修文案: the wording proposed for the clause (or the range).
  suggestion text CHECK (suggestion IS NULL OR length(suggestion) BETWEEN 1 AND 4000),
  author_id integer NOT NULL REFERENCES users(id),
  -- Staff entering what a member said at a meeting: the member, and the minutes.
  on_behalf_of integer REFERENCES users(id),
  minutes_record_id integer REFERENCES records(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_by integer REFERENCES users(id),
  resolved_at timestamptz,
  disposition text CHECK (disposition IN ('reflected', 'partly', 'rejected', 'reference', 'done')),
  response text CHECK (response IS NULL OR length(response) <= 4000),
  disposed_by integer REFERENCES users(id),
  disposed_at timestamptz,
  -- Accepting a suggestion: the clause text it replaced, so the PT can take it back.
  accepted_by integer REFERENCES users(id),
  accepted_at timestamptz,
  accepted_previous text,
  deleted_at timestamptz,
  hidden_at timestamptz,
  hidden_by integer REFERENCES users(id),
  hidden_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR (disposition IS NULL AND suggestion IS NULL)),
  CHECK ((kind = 'suggestion') = (suggestion IS NOT NULL) OR parent_id IS NOT NULL),
  CHECK (on_behalf_of IS NULL OR minutes_record_id IS NOT NULL)
);
CREATE INDEX comments_draft_idx ON comments (draft_id, clause_id);
CREATE INDEX comments_thread_idx ON comments (parent_id);

-- Every earlier wording of an edited comment.
CREATE TABLE comment_revisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id integer NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  body text NOT NULL,
  suggestion text,
  edited_by integer NOT NULL REFERENCES users(id),
  edited_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comment_revisions_comment_idx ON comment_revisions (comment_id, id);

-- In-app notifications (an @mention).
CREATE TABLE notifications (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  comment_id integer NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('mention')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, comment_id, kind)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, read_at);
