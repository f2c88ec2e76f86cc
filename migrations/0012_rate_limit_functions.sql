-- The sliding-window rate limit, written once in SQL so that a statement can count an event
-- and decide in the same round trip as the work it limits (a submission is counted and stored
-- in one statement). Every limit of the portal goes through these functions.

-- Events in the last window's length, estimated from two fixed windows: the previous one's
-- share still inside the sliding window (rounded up), plus this one's. A limit then holds
-- across a window's boundary instead of starting afresh at each minute.
CREATE FUNCTION rate_sliding_count(current_hits integer, previous_hits integer,
                                   elapsed double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ceil(previous_hits * (1 - least(greatest(elapsed, 0), 1))) + current_hits;

-- The sliding count for a key, counting one event first when `counting`.
CREATE FUNCTION rate_count(p_key bytea, window_secs integer, counting boolean)
RETURNS double precision
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    epoch double precision := extract(epoch FROM now());
    start timestamptz := to_timestamp(floor(epoch / window_secs) * window_secs);
    current_hits integer;
    previous_hits integer;
BEGIN
    IF counting THEN
        INSERT INTO rate_counters AS r (key, window_start, hits) VALUES (p_key, start, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET hits = r.hits + 1
        RETURNING r.hits INTO current_hits;
    ELSE
        SELECT r.hits INTO current_hits FROM rate_counters r
        WHERE r.key = p_key AND r.window_start = start;
    END IF;
    SELECT r.hits INTO previous_hits FROM rate_counters r
    WHERE r.key = p_key AND r.window_start = start - make_interval(secs => window_secs);
    RETURN rate_sliding_count(coalesce(current_hits, 0), coalesce(previous_hits, 0),
                              (epoch - extract(epoch FROM start)) / window_secs);
END
$$;
