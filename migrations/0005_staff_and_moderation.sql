-- Staff accounts, moderation of submissions, and the append-only audit log.

CREATE TYPE staff_role AS ENUM ('moderator', 'admin');

CREATE TABLE staff (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    name          TEXT NOT NULL,
    role          staff_role NOT NULL,
    -- argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT true,
    -- Sessions carry the epoch they began in; raising it (a password change) ends them.
    session_epoch INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE submissions
    ADD COLUMN assigned_to      BIGINT REFERENCES staff (id),
    -- What is shown publicly for a published thanks: the original stays in `body`.
    ADD COLUMN public_text      TEXT,
    ADD COLUMN public_answer    TEXT,
    ADD COLUMN forwarded_to     TEXT,
    ADD COLUMN rejection_reason TEXT,
    ADD COLUMN duplicate_of     TEXT,
    ADD COLUMN extension_reason TEXT,
    ADD COLUMN original_due_on  DATE,
    ADD COLUMN first_answer_at  TIMESTAMPTZ,
    ADD COLUMN published_at     TIMESTAMPTZ;

-- The queue is read in due-date order and paged by (due_on, id).
CREATE INDEX submissions_queue_idx ON submissions (due_on, id);
CREATE INDEX submissions_body_search_idx ON submissions USING gin (body gin_trgm_ops);
CREATE INDEX submissions_published_idx ON submissions (inspector_id, published_at DESC)
    WHERE status IN ('published', 'closed') AND public_text IS NOT NULL;

CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    staff_id      BIGINT REFERENCES staff (id),
    staff_email   TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    submission_id BIGINT REFERENCES submissions (id),
    from_status   submission_status,
    to_status     submission_status,
    reason        TEXT NOT NULL DEFAULT '',
    -- A short hash of the client's address, not the address itself.
    client        TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_submission_idx ON audit_log (submission_id, at);

-- Append-only: what happened stays as it was recorded.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
