-- Search layout for speed (figures in docs/PERFORMANCE.md). A search reads up to a thousand
-- candidate chunks and ranks them; each one's gram and word vectors must then be cheap to
-- reach. Out-of-line TOAST costs an index descent and several page reads per vector, so
-- the vectors stay in the row (compressed), and the chunk text, needed only for the page of
-- hits, moves out instead.
ALTER TABLE search_chunks
  ALTER COLUMN grams SET STORAGE MAIN,
  ALTER COLUMN title_grams SET STORAGE MAIN,
  ALTER COLUMN words SET STORAGE MAIN,
  ALTER COLUMN text SET STORAGE EXTERNAL;

-- No query filters on these: statistics about them would only make ANALYZE slower.
ALTER TABLE search_chunks
  ALTER COLUMN words SET STATISTICS 0,
  ALTER COLUMN text SET STATISTICS 0,
  ALTER COLUMN locator SET STATISTICS 0,
  ALTER COLUMN anchor SET STATISTICS 0;

-- New GIN entries wait in a pending list that every search scans from end to end, until a
-- vacuum (PGlite has no autovacuum) or a full list merges them: keep the list short.
ALTER INDEX search_chunks_grams_idx SET (gin_pending_list_limit = 1024);
ALTER INDEX search_chunks_title_grams_idx SET (gin_pending_list_limit = 1024);

-- Filters combine with the gram index (bitmap AND) instead of reading every matching row.
CREATE INDEX search_chunks_department_idx ON search_chunks (department_id, date);
CREATE INDEX search_chunks_body_idx ON search_chunks (body_id, date);
CREATE INDEX search_chunks_date_idx ON search_chunks (date);
CREATE INDEX search_chunks_tags_idx ON search_chunks USING gin (tags) WITH (gin_pending_list_limit = 1024);
-- Exclusions look up the other chunks of a candidate's record.
CREATE INDEX search_chunks_group_idx ON search_chunks (group_key);

-- Rows keep the layout they were written with: index everything again through the outbox.
INSERT INTO search_outbox (source_type, source_id) SELECT 'record', id FROM records;
INSERT INTO search_outbox (source_type, source_id) SELECT 'decision', id FROM decisions;
