-- Keeping the kaart current: one row per step of an organisation's reminder cycle.
-- `cycle` is the last check (RFC 3339) of the organisation's oldest entry when the
-- cycle began; a confirmation moves that date and so starts a new cycle. A step is
-- queued once per cycle (the unique key), so a restart never sends it twice.
-- `step`: first_reminder, second_reminder (mails to the organisation), escalated,
-- hiding_soon (lines in the editors' digest). `status`: queued, sent, failed
-- (temporary; tried again), bounced (the address was refused), no_address.
-- `token_hash`: SHA-256 of the "Alles klopt nog" link of a mail to the organisation.
CREATE TABLE reminders (
    id              TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisation (id),
    cycle           TEXT NOT NULL,
    step            TEXT NOT NULL,
    status          TEXT NOT NULL,
    email           TEXT,
    token_hash      TEXT UNIQUE,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    expires_at      TEXT,
    opened_at       TEXT,
    confirmed_at    TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    UNIQUE (organisation_id, cycle, step)
);
CREATE INDEX reminders_status ON reminders (status, created_at);
CREATE INDEX reminders_organisation ON reminders (organisation_id, created_at);
