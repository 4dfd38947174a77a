-- Fingerprints of replaced return links, so a replaced link's page can say whom to contact.
CREATE TABLE revoked_link (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    return_id  BIGINT       NOT NULL,
    revoked_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_revoked_link_return FOREIGN KEY (return_id) REFERENCES audit_return (id)
);
-- Coalesced save events are looked up by return and kind, newest first.
CREATE INDEX ix_return_event_kind ON return_event (return_id, kind, occurred_at);
