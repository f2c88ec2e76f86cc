-- Administrators invite staff in the browser: an invitation is a link the person opens to set
-- their own password, valid for a limited time and once. Only the token's hash is stored.
CREATE TABLE staff_invitations (
    token_hash  BYTEA PRIMARY KEY,
    staff_id    BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_by  BIGINT REFERENCES staff (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE INDEX staff_invitations_staff_idx ON staff_invitations (staff_id);
