-- Residents' feedback (thanks, complaints) and requests, their status history, and the
-- working-day calendar the statutory deadlines are counted in.

-- Days that differ from the Monday-to-Friday rule: public holidays and days off moved by
-- decree (working = false), and weekend days made working (working = true).
CREATE TABLE calendar_days (
    day     DATE PRIMARY KEY,
    working BOOLEAN NOT NULL,
    note    TEXT NOT NULL DEFAULT ''
);

CREATE TYPE submission_kind AS ENUM ('thanks', 'complaint', 'request');
CREATE TYPE submission_status AS ENUM (
    'new', 'in_review', 'published', 'answered', 'forwarded', 'rejected', 'extended', 'closed'
);

CREATE TABLE submissions (
    id                   BIGSERIAL PRIMARY KEY,
    -- Human-readable, e.g. ATR-2611-4KQ7; printed on the receipt.
    tracking_number      TEXT NOT NULL UNIQUE,
    -- One per rendered form: a double click, refresh or resend stores nothing new.
    form_token           TEXT NOT NULL UNIQUE,
    kind                 submission_kind NOT NULL,
    category             TEXT,
    inspector_id         BIGINT REFERENCES inspectors (id) ON DELETE SET NULL,
    post_id              BIGINT REFERENCES posts (id) ON DELETE SET NULL,
    officer_description  TEXT NOT NULL DEFAULT '',
    incident_date        DATE,
    incident_time        TIME,
    place                TEXT NOT NULL DEFAULT '',
    lat                  DOUBLE PRECISION CHECK (lat BETWEEN -90 AND 90),
    lon                  DOUBLE PRECISION CHECK (lon BETWEEN -180 AND 180),
    body                 TEXT NOT NULL,
    anonymous            BOOLEAN NOT NULL DEFAULT false,
    -- Contact details: staff only, never on public pages, in logs or in URLs.
    author_name          TEXT,
    phone                TEXT,
    email                TEXT,
    iin                  TEXT,
    consent              BOOLEAN NOT NULL,
    lang                 TEXT NOT NULL,
    status               submission_status NOT NULL DEFAULT 'new',
    received_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The Administrative Procedural Code: registered the day it arrives, or the next working
    -- day when it arrives after hours or on a day off; answered within 15 working days.
    registered_on        DATE NOT NULL,
    due_on               DATE NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    CHECK (kind = 'thanks' OR NOT anonymous),
    CHECK (anonymous OR author_name IS NOT NULL),
    CHECK (kind = 'thanks' OR phone IS NOT NULL OR email IS NOT NULL)
);

CREATE INDEX submissions_status_due_idx ON submissions (status, due_on, id);
CREATE INDEX submissions_inspector_idx ON submissions (inspector_id);
CREATE INDEX submissions_post_idx ON submissions (post_id);

CREATE TABLE submission_history (
    id            BIGSERIAL PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    status        submission_status NOT NULL,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- What the resident is told with this step (a reason, the body forwarded to ...).
    public_note   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX submission_history_submission_idx ON submission_history (submission_id, at);

-- Public holidays of the Republic of Kazakhstan for 2026 and 2027, with the days off moved
-- when a holiday falls on a weekend (Labour Code, art. 85). Administrators add more with
-- `police-portal calendar`.
INSERT INTO calendar_days (day, working, note) VALUES
    ('2026-01-01', false, 'New Year'), ('2026-01-02', false, 'New Year'),
    ('2026-01-07', false, 'Orthodox Christmas'),
    ('2026-03-09', false, 'International Women''s Day (moved from 8 March)'),
    ('2026-03-23', false, 'Nauryz'), ('2026-03-24', false, 'Nauryz (moved from 21 March)'),
    ('2026-03-25', false, 'Nauryz (moved from 22 March)'),
    ('2026-05-01', false, 'Unity Day'), ('2026-05-07', false, 'Defender of the Fatherland Day'),
    ('2026-05-11', false, 'Victory Day (moved from 9 May)'),
    ('2026-05-27', false, 'Kurban Ait'),
    ('2026-07-06', false, 'Capital Day'),
    ('2026-08-31', false, 'Constitution Day (moved from 30 August)'),
    ('2026-10-26', false, 'Republic Day (moved from 25 October)'),
    ('2026-12-16', false, 'Independence Day'),
    ('2027-01-01', false, 'New Year'), ('2027-01-04', false, 'New Year (moved from 2 January)'),
    ('2027-01-07', false, 'Orthodox Christmas'),
    ('2027-03-08', false, 'International Women''s Day'),
    ('2027-03-22', false, 'Nauryz'), ('2027-03-23', false, 'Nauryz'),
    ('2027-03-24', false, 'Nauryz (moved from 21 March)'),
    ('2027-05-03', false, 'Unity Day (moved from 1 May)'),
    ('2027-05-07', false, 'Defender of the Fatherland Day'),
    ('2027-05-10', false, 'Victory Day (moved from 9 May)'),
    ('2027-05-17', false, 'Kurban Ait'),
    ('2027-07-06', false, 'Capital Day'),
    ('2027-08-30', false, 'Constitution Day'),
    ('2027-10-25', false, 'Republic Day'),
    ('2027-12-16', false, 'Independence Day');
