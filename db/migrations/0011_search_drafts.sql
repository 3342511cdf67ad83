-- Search indexes the clauses of drafts and the comments on them too (drafting/search-source.ts,
-- comments/search-source.ts). Their hits open a draft, which a chunk now names.
ALTER TABLE search_chunks ADD COLUMN draft_id integer;
ALTER TABLE search_chunks ALTER COLUMN draft_id SET STATISTICS 0;

-- Everything that exists now is waiting to be indexed once.
INSERT INTO search_outbox (source_type, source_id) SELECT 'draft', id FROM drafts;
INSERT INTO search_outbox (source_type, source_id) SELECT 'comment', id FROM comments;
