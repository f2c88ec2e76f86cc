-- The status sets the portal's rules name, defined once for SQL: a post that is planned or
-- under construction is not working yet (domain::post::PostStatus::is_future), and a
-- submission still waits for the police while new, in review or extended
-- (domain::submission::SubmissionStatus::OPEN). A test checks both against the domain.
-- Plain SQL functions, so that the planner inlines them and indexes on status still apply.
CREATE FUNCTION post_is_future(status post_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status IN ('planned', 'under_construction') $$;

CREATE FUNCTION submission_is_open(status submission_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status IN ('new', 'in_review', 'extended') $$;
