package org.compactaudit.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.WrapperOptions;

/**
 * Plain JDBC on the current transaction's own connection, for the few hot paths (autosave, sending a round's
 * invitations) where loading and dirty-checking entities costs more than the work itself.
 */
public final class Jdbc {

    /** Work on the connection. */
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    public static <T> T work(EntityManager em, Work<T> work) {
        return em.unwrap(SessionImplementor.class).doReturningWork(work::on);
    }

    /** Binds an instant exactly as Hibernate binds entities' instants, so the value reads back the same through them. */
    @SuppressWarnings("unchecked")
    public static void bind(EntityManager em, PreparedStatement ps, int index, Instant value) throws SQLException {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        JdbcMapping instant = session.getFactory().getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        instant.getJdbcValueBinder().bind(ps, value, index, (WrapperOptions) session);
    }
}
