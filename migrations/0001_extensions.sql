-- Contrib extensions the portal relies on: nearest-neighbour search over points on the
-- sphere (cube, earthdistance) and typo-tolerant text search (pg_trgm, unaccent).
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
