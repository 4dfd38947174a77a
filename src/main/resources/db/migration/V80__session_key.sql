-- The key that encrypts form sign-in cookies when none is configured: generated once, kept here so that restarts
-- and replicas share it (security.SessionKeySource). A configured quarkus.http.auth.session.encryption-key wins
-- and is never written here.
CREATE TABLE session_key (
    id             INT         NOT NULL PRIMARY KEY,
    encryption_key VARCHAR(64) NOT NULL,
    created_at     TIMESTAMP   NOT NULL
);
