package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BootstrapAdminTest {

    @Inject
    BootstrapAdmin bootstrap;

    @Test
    @Transactional
    void theTestStartCreatedTheConfiguredAdminWithTheConfiguredPassword() {
        StaffUser admin = StaffUser.findByEmail("admin@test.local").orElseThrow();
        assertTrue(Passwords.matches("admin-password-1", admin.passwordHash));
        assertEquals(java.util.Set.of(Role.ADMIN), admin.roleSet());
    }

    @Test
    @TestTransaction
    void withNoUsersAConfiguredEmailAndPasswordMakeAnAdminWithThatPassword() {
        String email = unique();
        Optional<String> password = bootstrap.createFirstAdmin(0, Optional.of(email), Optional.of("configured-pass-123"));

        assertEquals(Optional.of("configured-pass-123"), password);
        StaffUser admin = StaffUser.findByEmail(email).orElseThrow();
        assertTrue(admin.active);
        assertTrue(admin.roleSet().contains(Role.ADMIN));
        assertTrue(Passwords.matches("configured-pass-123", admin.passwordHash));
    }

    @Test
    @TestTransaction
    void withNoPasswordConfiguredTheAdminGetsARandomPasswordPrintedOnceToTheLog() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                        : java.text.MessageFormat.format(record.getMessage(), record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(BootstrapAdmin.class.getName());
        logger.addHandler(capture);
        try {
            String first = unique();
            String second = unique();
            String one = bootstrap.createFirstAdmin(0, Optional.of(first), Optional.empty()).orElseThrow();
            String two = bootstrap.createFirstAdmin(0, Optional.of(second), Optional.of(" ")).orElseThrow();

            assertNotEquals(one, two, "a random password, never a fixed default");
            assertTrue(one.length() >= Passwords.MIN_LENGTH);
            assertTrue(Passwords.matches(one, StaffUser.findByEmail(first).orElseThrow().passwordHash));
            assertTrue(logged.stream().anyMatch(line -> line.contains(first) && line.contains(one)), logged::toString);
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    @TestTransaction
    void whenUsersExistNothingIsCreated() {
        String email = unique();
        assertEquals(Optional.empty(), bootstrap.createFirstAdmin(3, Optional.of(email), Optional.of("configured-pass-123")));
        assertTrue(StaffUser.findByEmail(email).isEmpty());
        assertEquals(Optional.empty(), bootstrap.createFirstAdminIfNoUsers(), "the test start already made users");
    }

    @Test
    @TestTransaction
    void aConfiguredPasswordThatBreaksThePasswordRuleStopsTheStart() {
        assertThrows(IllegalStateException.class,
                () -> bootstrap.createFirstAdmin(0, Optional.of(unique()), Optional.of("short")));
    }

    private static String unique() {
        return "bootstrap-" + UUID.randomUUID() + "@test.local";
    }
}
