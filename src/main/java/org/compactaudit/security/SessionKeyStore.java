package org.compactaudit.security;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;

/**
 * After the migrations, makes sure table {@code session_key} holds the key this process signs cookies with, when
 * that key came from {@link SessionKeySource}. Two replicas making a first start on an empty database at the same
 * moment each generate a key; the second to store finds the first's and stops, and its restart reads it.
 */
@ApplicationScoped
public class SessionKeyStore {

    @Inject
    DataSource dataSource;

    void onStart(@Observes @Priority(10) StartupEvent event) throws SQLException {
        var config = ConfigProvider.getConfig();
        if (!SessionKeySource.suppliesTheKey(config.getConfigSources())) {
            return;
        }
        String used = config.getValue(SessionKeySource.PROPERTY, String.class);
        try (Connection db = dataSource.getConnection()) {
            String stored = SessionKeySource.storeIfAbsent(db, used);
            if (!stored.equals(used)) {
                throw new IllegalStateException("Another instance stored the session key while this one started;"
                        + " start this one again to use it (or set " + SessionKeySource.PROPERTY + ")");
            }
        }
    }
}
