-- Searches that found no or few results, counted per day (query text only: no IP
-- address, session or user), so editors see which words residents use that the
-- kaart does not answer.
CREATE TABLE search_log (
    query     TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    searches  BIGINT  NOT NULL,
    fewest    BIGINT  NOT NULL,
    PRIMARY KEY (query, day)
);
CREATE INDEX search_log_day ON search_log (day);
