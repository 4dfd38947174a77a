package org.compactaudit.bench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.compactaudit.agency.AgencyCsv;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

/**
 * Times a 10,000-row CSV import through the API: first run creates, second updates every row.
 * Not part of the normal test run; run with {@code ./mvnw -q test -Dtest=AgencyImportBenchmark}.
 */
@QuarkusTest
class AgencyImportBenchmark {

    static final int ROWS = Integer.getInteger("rows", 10_000);

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    @Test
    void importTenThousandAgenciesTwice() {
        String manager = users.create(Role.MANAGER);
        Partnership north = fixtures.partnership();
        Partnership south = fixtures.partnership();
        String prefix = Fixtures.unique("Bench");
        String[] sectors = { "school", "health", "early-years", "voluntary-community", "gp-practice" };
        StringBuilder created = new StringBuilder(String.join(",", AgencyCsv.COLUMNS)).append('\n');
        StringBuilder changed = new StringBuilder(created);
        for (int i = 0; i < ROWS; i++) {
            String row = prefix + " agency " + i + "," + sectors[i % sectors.length] + ",Setting,"
                    + (i % 2 == 0 ? "A" : "B") + ",Lead " + i + ",lead" + i + "@bench.example.org,Senior " + i
                    + ",senior" + i + "@bench.example.org," + north.code + (i % 3 == 0 ? ";" + south.code : "");
            created.append(row).append(",true\n");
            changed.append(row).append(",false\n");
        }
        time("create", manager, created.toString(), "created");
        time("update", manager, changed.toString(), "updated");
    }

    private static void time(String label, String manager, String csv, String counter) {
        long start = System.nanoTime();
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/agencies/import")
                .then().statusCode(200).body(counter, equalTo(ROWS));
        System.out.printf("BENCHMARK agency import %s %d rows: %d ms%n", label, ROWS,
                (System.nanoTime() - start) / 1_000_000);
    }
}
