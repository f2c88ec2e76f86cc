-- Case work, continued: answer templates, appeals received in person or by phone, and
-- two-factor sign-in for staff.

-- Answers staff insert and edit before sending, one text per language.
CREATE TABLE answer_templates (
    id         BIGSERIAL PRIMARY KEY,
    title      TEXT NOT NULL CHECK (title <> ''),
    body_kk    TEXT NOT NULL CHECK (body_kk <> ''),
    body_ru    TEXT NOT NULL CHECK (body_ru <> ''),
    body_en    TEXT NOT NULL CHECK (body_en <> ''),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who received an oral appeal (at a reception point or by phone), for the талон.
ALTER TABLE submissions
    ADD COLUMN received_by      BIGINT REFERENCES staff (id),
    ADD COLUMN received_by_name TEXT,
    ADD CONSTRAINT oral_appeals_name_who_received_them CHECK (
        (channel IN ('walk_in', 'phone')) = (received_by_name IS NOT NULL));

-- TOTP (RFC 6238): the shared secret, set up once the first code is right; the last time
-- step used, so that no code is accepted twice, on any instance.
CREATE TABLE staff_two_factor (
    staff_id   BIGINT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    secret     BYTEA NOT NULL,
    enabled_at TIMESTAMPTZ,
    last_step  BIGINT NOT NULL DEFAULT 0
);

-- One-time recovery codes, kept as SHA-256 hashes (the codes are random, 50 bits or more).
CREATE TABLE staff_recovery_codes (
    id        BIGSERIAL PRIMARY KEY,
    staff_id  BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL UNIQUE,
    used_at   TIMESTAMPTZ
);
CREATE INDEX staff_recovery_codes_staff_idx ON staff_recovery_codes (staff_id);

-- A password that was right, waiting for the second factor: the cookie holds the token, the
-- database its hash, so any instance can finish the sign-in, and only a few codes are tried.
CREATE TABLE sign_in_challenges (
    token_hash BYTEA PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
);
