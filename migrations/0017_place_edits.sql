-- Administrators edit the gazetteer in the browser, with optimistic locking as for posts.
ALTER TABLE places ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
