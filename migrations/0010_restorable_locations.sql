-- A backup must restore. pg_restore runs with an empty search_path, and earthdistance's
-- ll_to_earth calls earth() unqualified, so the generated `location` failed to compute while
-- posts were loaded. The column now goes through a function that sets its own search_path.
CREATE FUNCTION portal_location(lat DOUBLE PRECISION, lon DOUBLE PRECISION)
    RETURNS public.cube
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public
    AS $$ SELECT public.ll_to_earth(lat, lon) $$;

ALTER TABLE posts DROP COLUMN location;
ALTER TABLE posts
    ADD COLUMN location public.cube GENERATED ALWAYS AS (portal_location(lat, lon)) STORED;
CREATE INDEX posts_location_idx ON posts USING gist (location);
