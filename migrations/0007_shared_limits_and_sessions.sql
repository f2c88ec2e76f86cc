-- State that must hold across requests and instances lives here, not in a process.

-- Rate limits and throttles: one counter per key and fixed window. The key is a keyed hash
-- of the limit's name and what it counts (a client address, an account), so its size is
-- bounded whatever a client sends, and no address or e-mail is stored. Old windows are
-- deleted by every instance from time to time.
CREATE TABLE rate_counters (
    key          BYTEA NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_counters_window_idx ON rate_counters (window_start);

-- Staff sessions, revocable on the server: the cookie carries a random token, this table
-- its SHA-256. Sign-out, a password change, disabling an account and "end all sessions"
-- set ended_at, and every instance sees it on the next request.
CREATE TABLE staff_sessions (
    token_hash BYTEA PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at   TIMESTAMPTZ
);
CREATE INDEX staff_sessions_open_idx ON staff_sessions (staff_id) WHERE ended_at IS NULL;
