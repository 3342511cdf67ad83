-- A record's page lists the decisions taken in it (decisions.source_record_id): without an
-- index every page view read every decision.
CREATE INDEX decisions_source_record_idx ON decisions (source_record_id);
