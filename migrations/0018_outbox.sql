-- A transactional outbox: every message that must reach a resident is a row written in the
-- same transaction as the change that causes it. Workers in every instance claim rows with
-- FOR UPDATE SKIP LOCKED and a lease, send, and mark them sent; a failure is retried with
-- exponential backoff and ends as a dead letter that administrators see and can retry. One
-- row per (submission, event, channel): a retry or a second instance never sends twice.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    submission_id   BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    -- received, extended, ...; with the history entry for events that can repeat.
    event           TEXT NOT NULL,
    event_key       TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A worker's lease: a crash between claim and send lets the row be claimed again after it.
    claimed_until   TIMESTAMPTZ,
    last_error      TEXT NOT NULL DEFAULT '',
    -- The message as sent, kept for a while for the administrators' page, then cleared.
    rendered        TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    UNIQUE (submission_id, event_key, channel)
);

CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_dead_idx ON outbox (created_at) WHERE status = 'dead';
