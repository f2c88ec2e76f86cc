-- An import uploaded in the browser waits here between its preview and the administrator's
-- confirmation, so that any instance can finish it and exactly the previewed file is imported.
CREATE TABLE pending_imports (
    id         BIGSERIAL PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    csv        BOOLEAN NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
