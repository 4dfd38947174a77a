package org.compactaudit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.common.DomainException;
import org.compactaudit.support.TestUsers;
import org.compactaudit.web.ErrorMappers;

@QuarkusTest
class LastAdminTest {

    @Inject
    TestUsers users;

    @Inject
    StaffUsers staffUsers;

    /** Every other admin is disabled inside this test's transaction, which is rolled back at the end. */
    @Test
    @TestTransaction
    void theLastActiveAdminCanBeNeitherDisabledNorStrippedOfTheAdminRole() {
        String last = users.create(Role.ADMIN);
        String acting = users.create(Role.ADMIN, Role.MANAGER);
        StaffUser lastAdmin = StaffUser.findByEmail(last).orElseThrow();
        StaffUser.update("active = false where email <> ?1", last);
        StaffUser.getEntityManager().clear();

        DomainException disabling = assertThrows(DomainException.class,
                () -> staffUsers.setActive(lastAdmin.id, false, acting));
        assertEquals(409, ErrorMappers.status(disabling));
        assertThrows(DomainException.class, () -> staffUsers.update(lastAdmin.id,
                new StaffUsers.UserChange(null, Set.of(Role.MANAGER), null, null), acting));
        assertTrue(staffUsers.cannotDisable(lastAdmin.id, acting).contains("last active administrator"));
        assertTrue(StaffUser.findByEmail(last).orElseThrow().active);
    }
}
