-- Case work: internal notes on a submission (staff only), and the queue read per assignee.

CREATE TABLE submission_notes (
    id            BIGSERIAL PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    staff_id      BIGINT REFERENCES staff (id),
    staff_name    TEXT NOT NULL,
    -- Staff's own words about the case: never shown to the resident or the public.
    text          TEXT NOT NULL CHECK (text <> ''),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX submission_notes_submission_idx ON submission_notes (submission_id, created_at);

CREATE INDEX submissions_assigned_idx ON submissions (assigned_to, due_on, id)
    WHERE assigned_to IS NOT NULL;
