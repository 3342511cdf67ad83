-- Knowledge base: records with a structured body, original files, tags, readable
-- revisions, decisions and links between any two things (or parts of them).

CREATE TABLE files (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by integer REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE records (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('measure', 'minutes', 'plan', 'survey', 'law', 'material')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary text NOT NULL DEFAULT '',
  -- Body source: a small Markdown subset (headings make sections); laws: a plain rendering.
  body_text text NOT NULL DEFAULT '',
  issuer_level text CHECK (issuer_level IN ('国', '県', '市町村', 'プラットフォーム', 'その他')),
  body_id integer REFERENCES bodies(id),
  department_id integer REFERENCES departments(id),
  date date,
  date_precision text CHECK (date_precision IN ('day', 'month', 'year')),
  fiscal_year integer,
  status text CHECK (status IN ('予定', '検討中', '実施中', '完了')),
  budget_yen bigint CHECK (budget_yen >= 0),
  source_url text,
  source_file_id integer REFERENCES files(id),
  -- Kind-specific extras: charts of a survey, the law number of a law …
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  seed_key text UNIQUE,
  revision integer NOT NULL DEFAULT 1,
  created_by integer REFERENCES users(id),
  updated_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX records_kind_idx ON records (kind, date DESC);
CREATE INDEX records_department_idx ON records (department_id);
CREATE INDEX records_body_idx ON records (body_id);
CREATE INDEX records_fiscal_year_idx ON records (fiscal_year);

-- The addressable parts of a record's body (sections, or a law's chapters, articles,
-- paragraphs and items), derived from body_text or an imported law on every save.
CREATE TABLE record_sections (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_id integer NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  anchor text NOT NULL,
  parent_anchor text,
  position integer NOT NULL,
  depth integer NOT NULL DEFAULT 0,
  kind text NOT NULL,
  -- How people cite it: 第3条第2項, 2. 調査結果 …
  locator text NOT NULL,
  caption text,
  text text NOT NULL DEFAULT '',
  UNIQUE (record_id, anchor)
);
CREATE INDEX record_sections_record_idx ON record_sections (record_id, position);

CREATE TABLE tags (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50),
  managed boolean NOT NULL DEFAULT false
);

CREATE TABLE record_tags (
  record_id integer NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  tag_id integer NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (record_id, tag_id)
);
CREATE INDEX record_tags_tag_idx ON record_tags (tag_id);

-- A snapshot per saved revision; the history page compares consecutive snapshots.
CREATE TABLE record_revisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_id integer NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  revision integer NOT NULL,
  snapshot jsonb NOT NULL,
  changed_by integer REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  note text NOT NULL DEFAULT '',
  UNIQUE (record_id, revision)
);

CREATE TABLE decisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  decided_on date NOT NULL,
  fiscal_year integer NOT NULL,
  body_id integer REFERENCES bodies(id),
  source_record_id integer REFERENCES records(id) ON DELETE SET NULL,
  source_anchor text,
  seed_key text UNIQUE,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_date_idx ON decisions (decided_on DESC);

-- A link from one thing (or a part of it) to another, with the reason. Targets keep the
-- label they had when linked, so a link to a part that later disappears still reads well.
CREATE TABLE links (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_type text NOT NULL CHECK (from_type IN ('record', 'decision', 'clause')),
  from_id integer NOT NULL,
  from_anchor text,
  to_type text NOT NULL CHECK (to_type IN ('record', 'decision', 'clause')),
  to_id integer NOT NULL,
  to_anchor text,
  to_label text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX links_from_idx ON links (from_type, from_id);
CREATE INDEX links_to_idx ON links (to_type, to_id);
