-- The 表記揺れ list: groups of spellings that search treats as the same word. Applied when
-- a query is read, so editing it needs no reindex.
CREATE TABLE search_synonyms (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  terms text NOT NULL CHECK (length(terms) BETWEEN 1 AND 500),
  updated_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
