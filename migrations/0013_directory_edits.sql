-- Administrators edit the directory in the browser.

-- Optimistic locking: an edit names the version it began from; a second administrator
-- saving over a newer version gets a conflict instead of overwriting it.
ALTER TABLE posts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Directory changes are audited with what they changed: the record's kind and id, and the
-- record before and after (no residents' data is ever in these records).
ALTER TABLE audit_log
    ADD COLUMN target TEXT NOT NULL DEFAULT '',
    ADD COLUMN before JSONB,
    ADD COLUMN after  JSONB;

CREATE INDEX audit_log_target_idx ON audit_log (target, at) WHERE target <> '';
