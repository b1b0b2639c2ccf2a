-- Ids and names use the "C" collation so that ORDER BY gives byte order, as on SQLite.
-- Records are stored whole, as the serde_json of the domain struct in `data`; the other
-- columns are copies of fields that queries filter or sort on, kept in step by the store.
-- Keep this file and its sqlite twin side by side: same tables, same columns.

CREATE TABLE taxonomy (
    id   TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE taxonomy_term (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    taxonomy_id TEXT COLLATE "C" NOT NULL REFERENCES taxonomy (id),
    data        TEXT NOT NULL
);
CREATE INDEX taxonomy_term_taxonomy ON taxonomy_term (taxonomy_id);

CREATE TABLE organisation (
    id   TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX organisation_name ON organisation (name, id);

CREATE TABLE location (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    organisation_id TEXT COLLATE "C" REFERENCES organisation (id),
    data            TEXT NOT NULL
);
CREATE INDEX location_organisation ON location (organisation_id);

-- `updated` and `verified_at` are RFC 3339 text in UTC, so they sort in time order.
CREATE TABLE service (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisation (id),
    name            TEXT COLLATE "C" NOT NULL,
    status          TEXT NOT NULL,
    updated         TEXT NOT NULL,
    verified_at     TEXT,
    data            TEXT NOT NULL
);
CREATE INDEX service_organisation ON service (organisation_id);
CREATE INDEX service_name ON service (name, id);
CREATE INDEX service_updated ON service (updated);
CREATE INDEX service_verified_at ON service (verified_at);

-- Links of a service, replaced whenever the service is written.
CREATE TABLE service_term (
    service_id TEXT COLLATE "C" NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    term_id    TEXT COLLATE "C" NOT NULL REFERENCES taxonomy_term (id),
    PRIMARY KEY (service_id, term_id)
);
CREATE INDEX service_term_term ON service_term (term_id);

CREATE TABLE service_location (
    service_id  TEXT COLLATE "C" NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    location_id TEXT COLLATE "C" NOT NULL REFERENCES location (id),
    -- The id of the domain's ServiceAtLocation (HSDS `service_at_location.id`).
    sal_id      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (service_id, location_id)
);
CREATE INDEX service_location_location ON service_location (location_id);
CREATE INDEX service_location_sal ON service_location (sal_id);

-- Append-only: one row per real change, written in the same transaction as the change.
-- `at` is RFC 3339 text in UTC.
CREATE TABLE change_log (
    seq       BIGSERIAL PRIMARY KEY,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    at        TEXT NOT NULL
);
CREATE INDEX change_log_entity ON change_log (entity, entity_id);
