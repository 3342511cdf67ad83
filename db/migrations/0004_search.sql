-- Search: chunks with gram vectors (built by search/ from our own text pipeline), an
-- outbox written in the same transaction as the change it announces, and the tokenizer
-- fingerprint the index was built with.

CREATE TABLE search_chunks (
  id text PRIMARY KEY,
  source_type text NOT NULL,
  source_id integer NOT NULL,
  record_id integer,
  group_key text NOT NULL,
  anchor text,
  locator text,
  title text NOT NULL,
  kind text NOT NULL,
  body_id integer,
  body_name text,
  department_id integer,
  department_name text,
  fiscal_year integer,
  date date,
  tags text[] NOT NULL DEFAULT '{}',
  text text NOT NULL,
  grams tsvector NOT NULL,
  title_grams tsvector NOT NULL,
  words tsvector NOT NULL
);
CREATE INDEX search_chunks_grams_idx ON search_chunks USING gin (grams);
CREATE INDEX search_chunks_title_grams_idx ON search_chunks USING gin (title_grams);
CREATE INDEX search_chunks_source_idx ON search_chunks (source_type, source_id);
CREATE INDEX search_chunks_kind_idx ON search_chunks (kind, date DESC);
CREATE INDEX search_chunks_fiscal_year_idx ON search_chunks (fiscal_year);

CREATE TABLE search_outbox (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_type text NOT NULL,
  source_id integer NOT NULL,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE search_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- Everything that exists now is waiting to be indexed.
INSERT INTO search_outbox (source_type, source_id) SELECT 'record', id FROM records;
INSERT INTO search_outbox (source_type, source_id) SELECT 'decision', id FROM decisions;
