package org.compactaudit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.CycleGroup;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Passwords;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;

@QuarkusTest
class DemoDataTest {

    private static final Map<String, Integer> EXPECTED = Map.of("statutory", 10, "health", 8, "gp-practice", 18,
            "school", 30, "further-education", 4, "early-years", 20, "voluntary-community", 20, "sport-culture", 4,
            "faith", 4, "commercial", 2);

    @Inject
    DemoData demo;

    @Test
    void theDemoIsOff() {
        assertEquals(0, Partnership.count("code", DemoData.Plan.SOUTHSEA.code()),
                "tests run without compact.demo, so the demo partnership never appears by itself");
    }

    @Test
    @Transactional
    void aLoadMakesAPartnershipWith120AgenciesInEverySectorAndBothGroupsAndAUserPerRole() {
        String code = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        DemoData.Plan plan = new DemoData.Plan(code, "Testham Safeguarding Children Partnership", "Testham " + code,
                code + ".example.org");

        demo.load(plan);
        demo.load(plan);

        check(plan);
    }

    @Test
    @Transactional
    void aNeighbourHasItsOwnAgenciesAndStaffAndSharesOnlyTheStatutoryAgencies() {
        String code = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Partnership south = demo.load(new DemoData.Plan(code, "Southham Partnership", "Southham " + code, code + ".example.org"));
        DemoData.Plan northPlan = new DemoData.Plan("n" + code, "Northham Partnership", "Northham " + code,
                "n" + code + ".example.org");

        Partnership north = demo.loadNeighbour(northPlan, south);

        long statutory = agencies(south, "a.sector.code = 'statutory'");
        long shared = agencies(north, "exists (select 1 from Agency b join b.partnerships q where b = a and q.id = ?2)",
                south.id);
        assertEquals(statutory, shared, "the neighbour shares exactly the statutory agencies");
        assertEquals(DemoData.NORTHSEA_AGENCIES + shared, agencies(north, "1 = 1"));
        assertTrue(agencies(north, "a.sector.code = 'school'") > 0, "its own agencies span the sectors");
        for (DemoData.DemoUser demoUser : DemoData.NORTHSEA_USERS) {
            StaffUser user = StaffUser.findByEmail(demoUser.localPart() + "@" + northPlan.mailDomain()).orElseThrow();
            assertEquals(java.util.Set.of(north.code), user.partnerships.stream().map(p -> p.code)
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    private void check(DemoData.Plan plan) {
        Partnership partnership = Partnership.findByCode(plan.code()).orElseThrow();
        assertEquals(EXPECTED, DemoData.sectorCounts());
        long total = 0;
        for (var expected : EXPECTED.entrySet()) {
            long inSector = agencies(partnership, "a.sector.code = ?2", expected.getKey());
            assertEquals(expected.getValue().longValue(), inSector, expected.getKey());
            for (CycleGroup group : CycleGroup.values()) {
                assertTrue(agencies(partnership, "a.sector.code = ?2 and a.cycleGroup = ?3", expected.getKey(), group) > 0,
                        expected.getKey() + " has agencies in group " + group);
            }
            total += inSector;
        }
        assertEquals(120, total, "loading twice links the same agencies, it does not duplicate them");
        long withoutLeadEmail = agencies(partnership, "a.leadEmail is null");
        assertTrue(withoutLeadEmail >= 3 && withoutLeadEmail <= 4, "a handful without a lead email: " + withoutLeadEmail);
        assertTrue(agencies(partnership, "a.subType = 'Childminder'") > 0);
        for (DemoData.DemoUser demoUser : DemoData.USERS) {
            StaffUser user = StaffUser.findByEmail(demoUser.localPart() + "@" + plan.mailDomain()).orElseThrow();
            assertTrue(user.roleSet().contains(demoUser.role()));
            assertTrue(Passwords.matches(demoUser.password(), user.passwordHash));
            assertEquals(demoUser.role().equals(Role.ADMIN) ? 0 : 1, user.partnerships.size(),
                    "every demo user but the admin works for the partnership");
        }
        assertEquals(Role.ALL.size(), DemoData.USERS.stream().map(DemoData.DemoUser::role).distinct().count());
    }

    private static long agencies(Partnership partnership, String condition, Object... values) {
        var query = Agency.getEntityManager().createQuery("select count(a) from Agency a join a.partnerships p "
                + "where p.id = ?1 and " + condition, Long.class).setParameter(1, partnership.id);
        for (int i = 0; i < values.length; i++) {
            query.setParameter(i + 2, values[i]);
        }
        return query.getSingleResult();
    }
}
