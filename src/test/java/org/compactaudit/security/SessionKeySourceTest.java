package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** The key source's rules on a database of its own: a configured key wins; else stored, else generated once. */
class SessionKeySourceTest {

    private final String url = "jdbc:h2:mem:session-key-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aConfiguredKeyWinsAndNothingIsReadOrStored() {
        var sources = new SessionKeySource().getConfigSources(context(Map.of(SessionKeySource.PROPERTY,
                "configured-key-0123456789", "quarkus.datasource.jdbc.url", url)));
        assertFalse(sources.iterator().hasNext());
    }

    @Test
    void beforeTheTableExistsAKeyIsGeneratedAndTheFirstStoredKeyIsKeptForEveryone() throws Exception {
        ConfigSource first = only(new SessionKeySource().getConfigSources(context(Map.of("quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "sa"))));
        String generated = first.getValue(SessionKeySource.PROPERTY);
        assertEquals(generated, first.getValue(SessionKeySource.PROPERTY), "generated once per process");
        assertNull(first.getValue("quarkus.http.port"));
        assertTrue(first.getPropertyNames().isEmpty(), "never listed, so nothing enumerating the config reads it");

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE session_key (id INT PRIMARY KEY, encryption_key VARCHAR(64) NOT NULL,"
                        + " created_at TIMESTAMP NOT NULL)");
            }
            assertEquals(generated, SessionKeySource.storeIfAbsent(db, generated));
            assertEquals(generated, SessionKeySource.storeIfAbsent(db, "a-second-replica-key-0123456789"),
                    "a second replica's key does not replace the stored one");
        }
        ConfigSource restarted = only(new SessionKeySource().getConfigSources(context(Map.of("quarkus.datasource.jdbc.url",
                url, "quarkus.datasource.username", "sa"))));
        assertEquals(generated, restarted.getValue(SessionKeySource.PROPERTY), "a restart reads the stored key");
    }

    private static ConfigSource only(Iterable<ConfigSource> sources) {
        var iterator = sources.iterator();
        ConfigSource source = iterator.next();
        assertFalse(iterator.hasNext());
        return source;
    }

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public java.util.Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
