-- Accounts, sessions, one-time links, proposals awaiting review, who changed what, and
-- site secrets (issue 7). Times are RFC 3339 text in UTC with microseconds, so text
-- order is time order; booleans are 0/1 integers, which sqlx's Any driver reads the
-- same way on both backends. Ids use the "C" collation so that ORDER BY gives byte
-- order, as on SQLite.
-- Keep this file and its sqlite twin side by side: same tables, same columns.

-- `email` is stored lowercased, so the UNIQUE rule is case-insensitive. No clear
-- password is ever stored: `password_hash` is an argon2id PHC string, NULL until the
-- user has chosen one (an account without a password cannot log in).
CREATE TABLE users (
    id            TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    email         TEXT COLLATE "C" NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('professional', 'aanbieder', 'redacteur', 'beheerder')),
    password_hash TEXT,
    totp_secret   TEXT,
    disabled      BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until  TEXT COLLATE "C",
    created_at    TEXT COLLATE "C" NOT NULL,
    last_login_at TEXT COLLATE "C",
    CONSTRAINT users_email UNIQUE (email)
);
CREATE INDEX users_role ON users (role, disabled);

-- The organisations a provider (aanbieder) acts for.
CREATE TABLE user_organisations (
    user_id         TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX user_organisations_organisation ON user_organisations (organisation_id);

-- Logged-in sessions. Only the SHA-256 (hex) of the token is kept: whoever reads the
-- database cannot take over a session.
CREATE TABLE sessions (
    token_hash    TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    user_id       TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT COLLATE "C" NOT NULL,
    expires_at    TEXT COLLATE "C" NOT NULL,
    last_seen_at  TEXT COLLATE "C" NOT NULL,
    second_factor BIGINT NOT NULL DEFAULT 0 CHECK (second_factor IN (0, 1))
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Password-reset links and invitations, usable once. As with sessions, only the
-- token's SHA-256 is kept.
CREATE TABLE one_time_tokens (
    token_hash      TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
    user_id         TEXT COLLATE "C" REFERENCES users (id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    organisation_id TEXT COLLATE "C" REFERENCES organisation (id),
    created_by      TEXT COLLATE "C" REFERENCES users (id),
    created_at      TEXT COLLATE "C" NOT NULL,
    expires_at      TEXT COLLATE "C" NOT NULL,
    used_at         TEXT COLLATE "C"
);
CREATE INDEX one_time_tokens_purpose_created ON one_time_tokens (purpose, created_at);

-- Who made a change ("user:<id>", "import:<source>", "demo", …) and the record's JSON
-- after it, so every record has a history that can be shown and restored. Both are
-- NULL for rows written before this migration; `data` is NULL for deletes.
ALTER TABLE change_log ADD COLUMN actor TEXT;
ALTER TABLE change_log ADD COLUMN data TEXT;

-- A provider's change waiting for an editor. The published record stays as it is
-- until the proposal is approved. `base_seq` is the change-log seq of the record the
-- proposal was made on; `revision` counts saves, so two people editing the same
-- proposal cannot overwrite each other unseen.
CREATE TABLE proposals (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT COLLATE "C" NOT NULL,
    organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisation (id),
    author_id       TEXT COLLATE "C" NOT NULL REFERENCES users (id),
    base_seq        BIGINT NOT NULL,
    data            TEXT NOT NULL,
    revision        BIGINT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    created_at      TEXT COLLATE "C" NOT NULL,
    updated_at      TEXT COLLATE "C" NOT NULL,
    decided_by      TEXT COLLATE "C" REFERENCES users (id),
    decided_at      TEXT COLLATE "C",
    message         TEXT
);
-- One open proposal per record: a second concurrent one fails here.
CREATE UNIQUE INDEX proposals_one_pending ON proposals (entity, entity_id) WHERE status = 'pending';
CREATE INDEX proposals_status_created ON proposals (status, created_at);
CREATE INDEX proposals_organisation_status ON proposals (organisation_id, status);

-- Which account closed a report (NULL for reports closed before accounts existed).
ALTER TABLE error_reports ADD COLUMN closed_by TEXT COLLATE "C";
CREATE INDEX error_reports_organisation_status ON error_reports (organisation_id, status, created_at);

-- Values the running site keeps for itself, such as the keys it signs with. One row
-- per key, created on first use.
CREATE TABLE settings (
    key   TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
