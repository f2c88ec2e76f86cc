-- The beat as residents know it: local priorities, meetings and report-backs; and bookings
-- of a reception slot with the beat's inspector.

CREATE TABLE beat_priorities (
    id          BIGSERIAL PRIMARY KEY,
    beat_id     BIGINT NOT NULL REFERENCES beats (id) ON DELETE CASCADE,
    -- What residents raised, and what is being done about it, in each language (a language
    -- left empty shows another's text).
    issue_kk    TEXT NOT NULL DEFAULT '',
    issue_ru    TEXT NOT NULL DEFAULT '',
    issue_en    TEXT NOT NULL DEFAULT '',
    action_kk   TEXT NOT NULL DEFAULT '',
    action_ru   TEXT NOT NULL DEFAULT '',
    action_en   TEXT NOT NULL DEFAULT '',
    starts_on   DATE NOT NULL,
    ends_on     DATE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (issue_kk <> '' OR issue_ru <> '' OR issue_en <> ''),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX beat_priorities_beat_idx ON beat_priorities (beat_id, starts_on DESC);

CREATE TABLE beat_meetings (
    id          BIGSERIAL PRIMARY KEY,
    beat_id     BIGINT NOT NULL REFERENCES beats (id) ON DELETE CASCADE,
    -- A meeting with residents, or the inspector's report to them (at least once a year).
    kind        TEXT NOT NULL CHECK (kind IN ('meeting', 'report')),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    place_kk    TEXT NOT NULL DEFAULT '',
    place_ru    TEXT NOT NULL DEFAULT '',
    place_en    TEXT NOT NULL DEFAULT '',
    topic_kk    TEXT NOT NULL DEFAULT '',
    topic_ru    TEXT NOT NULL DEFAULT '',
    topic_en    TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (topic_kk <> '' OR topic_ru <> '' OR topic_en <> '')
);
CREATE INDEX beat_meetings_beat_idx ON beat_meetings (beat_id, starts_at);

-- How long one reception slot lasts, per inspector.
ALTER TABLE inspectors ADD COLUMN slot_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (slot_minutes BETWEEN 5 AND 120);

CREATE TABLE bookings (
    id            BIGSERIAL PRIMARY KEY,
    -- Printed on the confirmation, e.g. Q-7K4M2X.
    reference     TEXT NOT NULL UNIQUE,
    inspector_id  BIGINT NOT NULL REFERENCES inspectors (id),
    beat_id       BIGINT REFERENCES beats (id) ON DELETE SET NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    -- The resident's details: staff pages only.
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    email         TEXT,
    topic         TEXT NOT NULL,
    lang          TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    status        TEXT NOT NULL DEFAULT 'booked'
                  CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
    cancelled_by  TEXT CHECK (cancelled_by IN ('resident', 'staff')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    -- A keyed hash of the client's address, for the limit on open bookings per client.
    client_key    BYTEA NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One slot, one booking: a second booking of the same inspector's slot fails here, however
-- many instances take it at once.
CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (inspector_id, starts_at)
    WHERE status <> 'cancelled';
CREATE INDEX bookings_day_idx ON bookings (starts_at);
CREATE INDEX bookings_client_idx ON bookings (client_key) WHERE status = 'booked';

-- Messages about a booking go through the same outbox.
ALTER TABLE outbox ADD COLUMN booking_id BIGINT REFERENCES bookings (id) ON DELETE CASCADE;
ALTER TABLE outbox DROP CONSTRAINT outbox_one_recipient;
ALTER TABLE outbox ADD CONSTRAINT outbox_one_recipient CHECK (
    (submission_id IS NOT NULL)::int + (staff_id IS NOT NULL)::int
        + (booking_id IS NOT NULL)::int = 1);
CREATE UNIQUE INDEX outbox_booking_event_idx ON outbox (booking_id, event_key, channel)
    WHERE booking_id IS NOT NULL;
