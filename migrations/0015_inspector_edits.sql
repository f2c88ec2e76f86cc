-- Administrators edit inspectors and who serves each beat in the browser.

ALTER TABLE inspectors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE beats ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Photos uploaded in the browser live in the database, so that every instance serves them:
-- decoded and re-encoded as JPEG at the card's size, so no metadata (EXIF location) remains.
CREATE TABLE inspector_photos (
    inspector_id BIGINT PRIMARY KEY REFERENCES inspectors (id) ON DELETE CASCADE,
    jpeg         BYTEA NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
