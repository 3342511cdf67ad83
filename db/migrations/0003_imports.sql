-- Files waiting in the import preview: extracted and checked, not yet records. A person
-- corrects the suggested metadata, then each is saved as a record in its own transaction.
CREATE TABLE import_items (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch text NOT NULL,
  file_id integer REFERENCES files(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('ready', 'failed', 'saved')),
  error text,
  preview jsonb,
  record_id integer REFERENCES records(id) ON DELETE SET NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_items_batch_idx ON import_items (batch, id);
