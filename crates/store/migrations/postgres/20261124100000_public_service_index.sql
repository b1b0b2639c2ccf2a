-- The open-data API lists and counts the public (active) services by name, optionally of
-- one organisation. Without these indexes every count reads all service rows including
-- their JSON `data` (0.2–0.5 s at 100,000 services); with them it walks an index.
CREATE INDEX service_status_name ON service (status, name, id);
CREATE INDEX service_organisation_status_name ON service (organisation_id, status, name, id);
