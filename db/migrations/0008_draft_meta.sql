-- What an imported law carries besides its text (LawNum, Law attributes, title reading),
-- so exporting a draft gives back the same law.
ALTER TABLE drafts ADD COLUMN law_meta jsonb NOT NULL DEFAULT '{}'::jsonb;
