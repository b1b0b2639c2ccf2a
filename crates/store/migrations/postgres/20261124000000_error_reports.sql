-- Errors that residents report on a service page ("Klopt er iets niet?"), kept for
-- the editors until they close them. No foreign key to `service`: a report stays
-- readable after its service has been deleted. `organisation_id` is a copy taken
-- when the report was made, so a report can be routed to the provider later.
-- `created_at` and `closed_at` are RFC 3339 text in UTC, so they sort in time order.
-- Ids use the "C" collation so that ORDER BY gives byte order, as on SQLite.
-- Keep this file and its sqlite twin side by side: same tables, same columns.
CREATE TABLE error_reports (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    service_id      TEXT COLLATE "C" NOT NULL,
    organisation_id TEXT COLLATE "C" NOT NULL,
    message         TEXT NOT NULL,
    reporter_email  TEXT,
    page_language   TEXT NOT NULL CHECK (page_language IN ('nl', 'en')),
    created_at      TEXT COLLATE "C" NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at       TEXT COLLATE "C"
);
CREATE INDEX error_reports_status_created ON error_reports (status, created_at);
