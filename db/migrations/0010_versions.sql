-- Named versions of a draft (第1次案, 研究会提示案 …): immutable snapshots of the text, as a
-- ProseMirror document (to show and compare) and as Yjs state (to reproduce it exactly).
CREATE TABLE draft_versions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id integer NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  note text CHECK (note IS NULL OR length(note) <= 2000),
  -- The draft's title and numbering style then: both may change afterwards.
  title text NOT NULL,
  numbering_style text NOT NULL CHECK (numbering_style IN ('horizontal', 'vertical')),
  doc jsonb NOT NULL,
  state bytea NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (draft_id, label)
);
CREATE INDEX draft_versions_draft_idx ON draft_versions (draft_id, id);

-- A version never changes once saved; restoring one makes a new change to the draft.
CREATE FUNCTION draft_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'draft versions are immutable';
END
$$;
CREATE TRIGGER draft_versions_no_update BEFORE UPDATE ON draft_versions
  FOR EACH ROW EXECUTE FUNCTION draft_versions_immutable();

-- The version current when a comment was written, and the one in which it was settled.
ALTER TABLE comments
  ADD COLUMN version_id integer REFERENCES draft_versions(id),
  ADD COLUMN settled_version_id integer REFERENCES draft_versions(id);
