package org.compactaudit.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Supplies {@value #PROPERTY} when none is configured: the key kept in table {@code session_key}, or a new random
 * one on the very first start (stored once the migrations ran, by {@link SessionKeyStore}). Without it Quarkus
 * makes a temporary key per process and prints it in the log, from which anyone reading the log can forge a
 * session cookie; a per-process key would also sign everyone out on each restart and differ between replicas.
 * A configured key always wins and is never stored.
 */
public class SessionKeySource implements ConfigSourceFactory {

    static final String PROPERTY = "quarkus.http.auth.session.encryption-key";
    static final String NAME = "compact-audit-session-key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String configured = value(context, PROPERTY);
        String url = value(context, "quarkus.datasource.jdbc.url");
        if (configured != null && !configured.isBlank() || url == null) {
            return List.of();
        }
        return List.of(new StoredKey(url, value(context, "quarkus.datasource.username"),
                value(context, "quarkus.datasource.password")));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    /**
     * Reads the database only when the key is first asked for, at run time: the build also loads config sources
     * and must neither open the database nor record the key in the application.
     */
    static final class StoredKey implements ConfigSource {

        private final String url;
        private final String user;
        private final String password;
        private String key;

        StoredKey(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password == null ? "" : password;
        }

        @Override
        public Set<String> getPropertyNames() {
            // Empty so that nothing enumerating the configuration (the build's recording of run-time values
            // included) ever reads the key; it is found by name only.
            return Set.of();
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public synchronized String getValue(String propertyName) {
            if (!PROPERTY.equals(propertyName)) {
                return null;
            }
            if (key == null) {
                key = readOrGenerate();
            }
            return key;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public int getOrdinal() {
            return 50;
        }

        private String readOrGenerate() {
            try (Connection db = DriverManager.getConnection(url, user, password)) {
                String stored = read(db);
                return stored != null ? stored : generate();
            } catch (SQLException e) {
                // First start: the migrations that create the table have not run yet.
                return generate();
            }
        }

        private static String generate() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    /** Inserts the key unless one is stored; answers the key the table holds afterwards. */
    static String storeIfAbsent(Connection db, String key) throws SQLException {
        String stored = read(db);
        if (stored != null) {
            return stored;
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO session_key (id, encryption_key, created_at) VALUES (1, ?, ?)")) {
            insert.setString(1, key);
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return key;
        } catch (SQLException raced) {
            String winner = read(db);
            if (winner == null) {
                throw raced;
            }
            return winner;
        }
    }

    static boolean suppliesTheKey(Iterable<ConfigSource> sources) {
        for (ConfigSource source : sources) {
            if (NAME.equals(source.getName())) {
                return true;
            }
        }
        return false;
    }

    static String read(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT encryption_key FROM session_key WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
