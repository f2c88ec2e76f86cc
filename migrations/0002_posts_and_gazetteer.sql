-- Police posts and the gazetteer residents search to say where they are.

CREATE TYPE post_kind AS ENUM ('modular_post', 'stationary_post', 'inspector_point', 'police_department');
CREATE TYPE post_status AS ENUM ('open', 'planned', 'under_construction', 'temporarily_closed');

CREATE TABLE posts (
    id                   BIGSERIAL PRIMARY KEY,
    external_id          TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
    kind                 post_kind NOT NULL,
    status               post_status NOT NULL,
    name_kk              TEXT NOT NULL,
    name_ru              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    address_kk           TEXT NOT NULL,
    address_ru           TEXT NOT NULL,
    address_en           TEXT NOT NULL,
    lat                  DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                  DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- The point on the earth cube: its GiST index serves nearest-first (KNN) queries.
    location             cube GENERATED ALWAYS AS (ll_to_earth(lat, lon)) STORED,
    phones               TEXT[] NOT NULL DEFAULT '{}',
    -- domain::hours::OpeningHours as JSON.
    hours                JSONB NOT NULL,
    services             TEXT[] NOT NULL DEFAULT '{}',
    -- Staff-only: the inspector lives on the beat. Never shown publicly.
    with_living_quarters BOOLEAN NOT NULL DEFAULT false,
    is_demo              BOOLEAN NOT NULL DEFAULT false,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX posts_location_idx ON posts USING gist (location);
CREATE INDEX posts_kind_idx ON posts (kind);

CREATE TYPE place_kind AS ENUM ('street', 'house', 'microdistrict', 'landmark');

CREATE TABLE places (
    id          BIGSERIAL PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
    kind        place_kind NOT NULL,
    name_kk     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- All names folded to one Latin form (domain::text::fold), for trigram search.
    search_text TEXT NOT NULL,
    is_demo     BOOLEAN NOT NULL DEFAULT false,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX places_search_idx ON places USING gin (search_text gin_trgm_ops);
