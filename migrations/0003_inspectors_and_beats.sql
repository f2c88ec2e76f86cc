-- District inspectors (участковые инспекторы) and the beats (участки) they serve.

CREATE TABLE inspectors (
    id              BIGSERIAL PRIMARY KEY,
    external_id     TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
    name_kk         TEXT NOT NULL,
    name_ru         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    -- Codes with messages in locales/: rank-*, position-*.
    rank            TEXT NOT NULL,
    position        TEXT NOT NULL,
    -- A file name under the data directory's photos/ folder; a placeholder when NULL.
    photo           TEXT,
    work_phone      TEXT NOT NULL,
    post_id         BIGINT REFERENCES posts (id) ON DELETE SET NULL,
    -- domain::hours::OpeningHours as JSON.
    reception_hours JSONB NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT true,
    -- Names folded to one Latin form (domain::text::fold), for directory search.
    search_text     TEXT NOT NULL,
    is_demo         BOOLEAN NOT NULL DEFAULT false,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX inspectors_search_idx ON inspectors USING gin (search_text gin_trgm_ops);

CREATE TABLE beats (
    id               BIGSERIAL PRIMARY KEY,
    external_id      TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
    number           TEXT NOT NULL,
    name_kk          TEXT NOT NULL,
    name_ru          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    description_kk   TEXT NOT NULL,
    description_ru   TEXT NOT NULL,
    description_en   TEXT NOT NULL,
    -- domain::beat::Boundary (outer ring and holes, GeoJSON order) as JSON.
    boundary         JSONB NOT NULL,
    -- Bounding box of the outer ring, (lon, lat): the GiST index finds candidate beats,
    -- the exact test with holes and edges is done on the boundary.
    bbox             BOX NOT NULL,
    inspector_id     BIGINT REFERENCES inspectors (id) ON DELETE SET NULL,
    substitute_id    BIGINT REFERENCES inspectors (id) ON DELETE SET NULL,
    substitute_from  DATE,
    substitute_until DATE,
    search_text      TEXT NOT NULL,
    is_demo          BOOLEAN NOT NULL DEFAULT false,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (substitute_until IS NULL OR substitute_from IS NULL OR substitute_until >= substitute_from)
);

CREATE INDEX beats_bbox_idx ON beats USING gist (bbox);
CREATE INDEX beats_inspector_idx ON beats (inspector_id);
CREATE INDEX beats_search_idx ON beats USING gin (search_text gin_trgm_ops);
