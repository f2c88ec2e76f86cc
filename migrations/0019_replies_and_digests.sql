-- What residents answer back, and the messages staff get.
--
-- A resident may stop the messages about an appeal that the law does not require (taken,
-- closed, reopened, published, the questionnaire); the statutory ones (the receipt, an
-- extension, a forwarding, the answer, a rejection) still go. A message stopped after it was
-- written is marked 'stopped', not sent.
ALTER TABLE submissions ADD COLUMN quiet BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'sent', 'dead', 'stopped'));

-- "Was it resolved?": one answer per questionnaire (a questionnaire follows an answer, named
-- by its history entry), changeable; the first "not resolved" reopens the appeal.
CREATE TABLE satisfaction (
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    round         BIGINT NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('resolved', 'partly', 'not_resolved')),
    -- Free text from the resident: staff pages only.
    comment       TEXT NOT NULL DEFAULT '',
    answered_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (submission_id, round)
);

CREATE INDEX satisfaction_answered_idx ON satisfaction (answered_at);

-- Staff get a daily digest (new, due soon, overdue) unless they turn it off, in the language
-- they last signed in with. A digest is an outbox row of its own: one per person and day.
ALTER TABLE staff
    ADD COLUMN digest BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN lang   TEXT NOT NULL DEFAULT 'ru' CHECK (lang IN ('kk', 'ru', 'en'));

ALTER TABLE outbox
    ALTER COLUMN submission_id DROP NOT NULL,
    ADD COLUMN staff_id BIGINT REFERENCES staff (id) ON DELETE CASCADE,
    ADD CONSTRAINT outbox_one_recipient CHECK ((submission_id IS NULL) <> (staff_id IS NULL));

CREATE UNIQUE INDEX outbox_staff_event_idx ON outbox (staff_id, event_key, channel)
    WHERE staff_id IS NOT NULL;

-- The dashboard's statutory clock: extension and forwarding notices not yet sent.
CREATE INDEX outbox_unsent_notice_idx ON outbox (created_at)
    WHERE status IN ('pending', 'dead') AND event IN ('extended', 'forwarded');
