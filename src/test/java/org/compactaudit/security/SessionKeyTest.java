package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** With no session key configured, the key comes from the database and never appears in the log. */
@QuarkusTest
class SessionKeyTest {

    @Inject
    DataSource dataSource;

    @Test
    void theKeyInUseIsTheStoredOneAndTheStartUpLogNeverShowsIt() throws Exception {
        String inUse = ConfigProvider.getConfig().getValue(SessionKeySource.PROPERTY, String.class);
        assertTrue(inUse.length() >= 32, "a generated key of 32 random bytes");
        try (Connection db = dataSource.getConnection()) {
            assertEquals(inUse, SessionKeySource.read(db));
        }
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertTrue(log.contains("Installed features"), "the log file holds the start-up log");
        assertFalse(log.contains("temporary key"), "Quarkus made no temporary key");
        assertFalse(log.contains(inUse), "the key is not in the log");
    }
}
