-- A return may have several live links at once (the invitation's, each chaser's, one asked for on "Get a new
-- link"), each kept only as the SHA-256 of its token. Revoked links stay, so their page can name whom to contact.
CREATE TABLE return_link (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    return_id  BIGINT       NOT NULL,
    purpose    VARCHAR(20)  NOT NULL,
    issued_at  TIMESTAMP(6) NOT NULL,
    revoked_at TIMESTAMP(6),
    CONSTRAINT fk_return_link_return FOREIGN KEY (return_id) REFERENCES audit_return (id)
);
CREATE INDEX ix_return_link_return ON return_link (return_id, revoked_at);

INSERT INTO return_link (token_hash, return_id, purpose, issued_at)
SELECT token_hash, id, 'invitation', COALESCE(token_issued_at, invited_at, CURRENT_TIMESTAMP)
FROM audit_return WHERE token_hash IS NOT NULL;
INSERT INTO return_link (token_hash, return_id, purpose, issued_at, revoked_at)
SELECT token_hash, return_id, 'invitation', revoked_at, revoked_at FROM revoked_link;
DROP TABLE revoked_link;

ALTER TABLE audit_return DROP INDEX uk_return_token;
ALTER TABLE audit_return DROP COLUMN token_hash;
ALTER TABLE audit_return DROP COLUMN token_issued_at;

-- The address a message's {{link-to-the-return}} stands for: put into the email at delivery, then forgotten.
ALTER TABLE outbox_message ADD COLUMN link_url VARCHAR(500);

-- Messages written before this change hold their link in the body: an unsent one keeps it only until delivered.
UPDATE outbox_message
SET link_url = REGEXP_SUBSTR(body_text, 'https?://[A-Za-z0-9./:_~%-]*/respond/[A-Za-z0-9_-]{20,}')
WHERE status <> 'SENT' AND body_text LIKE '%/respond/%';
UPDATE outbox_message
SET body_text = REGEXP_REPLACE(body_text, 'https?://[A-Za-z0-9./:_~%-]*/respond/[A-Za-z0-9_-]{20,}', '{{link-to-the-return}}'),
    body_html = REGEXP_REPLACE(body_html, 'https?://[A-Za-z0-9./:_~%-]*/respond/[A-Za-z0-9_-]{20,}', '{{link-to-the-return}}')
WHERE body_text LIKE '%/respond/%' OR body_html LIKE '%/respond/%';
