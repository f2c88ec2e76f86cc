-- Open311 GeoReport v2: requests filed by other services with an API key, and the channel
-- every appeal came in by.

CREATE TABLE api_keys (
    id          BIGSERIAL PRIMARY KEY,
    -- Who holds the key (a city app, a partner's service): shown in the audit log.
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    -- SHA-256 of the key: the key itself is shown once, when it is issued.
    key_hash    BYTEA NOT NULL UNIQUE,
    -- The first characters of the key, so that an administrator can tell keys apart.
    prefix      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by  TEXT NOT NULL DEFAULT '',
    revoked_at  TIMESTAMPTZ,
    revoked_by  TEXT,
    last_used_at TIMESTAMPTZ
);

-- How an appeal came in: the web form, Open311, or (issue 16) in person or by phone.
ALTER TABLE submissions
    ADD COLUMN channel    TEXT NOT NULL DEFAULT 'web'
        CHECK (channel IN ('web', 'open311', 'walk_in', 'phone')),
    ADD COLUMN api_key_id BIGINT REFERENCES api_keys (id),
    -- A photo's address an Open311 client sent (`media_url`): staff pages only.
    ADD COLUMN media_url  TEXT,
    ADD CONSTRAINT submissions_open311_key_check CHECK ((channel = 'open311') = (api_key_id IS NOT NULL));

-- The statistics read submissions by the month they were received.
CREATE INDEX submissions_received_idx ON submissions (received_at);
