package org.compactaudit.agency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class AgencyImportTest {

    static final String HEADER = String.join(",", AgencyCsv.COLUMNS) + "\n";

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    String manager;
    Partnership north;
    Partnership south;

    @BeforeEach
    void setUp() {
        manager = users.create(Role.MANAGER);
        north = fixtures.partnership();
        south = fixtures.partnership();
    }

    ValidatableResponse importCsv(String csv) {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8));
    }

    ValidatableResponse importBytes(byte[] csv) {
        return given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("text/csv").body(csv)
                .when().post("/api/v1/agencies/import").then();
    }

    @Transactional
    Agency find(String name) {
        Agency agency = Agency.find("name", name).firstResult();
        if (agency != null) {
            agency.partnerships.size();
            agency.sector.name.length();
        }
        return agency;
    }

    @Test
    void aGoodFileCreatesEveryAgencyWithItsDetails() {
        String school = Fixtures.unique("Hillside Primary");
        String club = Fixtures.unique("Riverside Youth Club");
        importCsv(HEADER
                + school + ",school,Primary school,A,Jo Lead,jo@hillside.example.org,Sam Head,head@hillside.example.org,"
                + north.code + ";" + south.code + ",true\n"
                + club + ",Voluntary and community,,b,,,,,,\n")
                .statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0)).body("errors", hasSize(0));

        Agency created = find(school);
        assertEquals("school", created.sector.code);
        assertEquals(CycleGroup.A, created.cycleGroup);
        assertEquals("jo@hillside.example.org", created.leadEmail);
        assertEquals(2, created.partnerships.size());
        assertTrue(created.active);
        Agency byName = find(club);
        assertEquals("voluntary-community", byName.sector.code);
        assertEquals(CycleGroup.B, byName.cycleGroup);
        assertEquals(null, byName.leadEmail);
    }

    @Test
    void aFileWithBadRowsImportsNothingAndReportsEachBadLineWithItsReason() {
        String good = Fixtures.unique("Good Agency");
        String dup = Fixtures.unique("Twice Agency");
        String csv = HEADER
                + good + ",school,,A,,,,,,\n"                          // line 2: fine
                + ",school,,A,,,,,,\n"                                  // line 3: missing name
                + Fixtures.unique("X") + ",space-travel,,A,,,,,,\n"    // line 4: unknown sector
                + Fixtures.unique("Y") + ",health,,A,Lee,not-an-email,,,,\n" // line 5: invalid email
                + Fixtures.unique("Z") + ",health,,C,,,,,,\n"          // line 6: bad cycle group
                + Fixtures.unique("W") + ",faith,,B,,,,,no-such-partnership,\n" // line 7: unknown partnership
                + dup + ",faith,,B,,,,,,\n"                             // line 8
                + "\"" + dup.toUpperCase() + "\",faith,,B,,,,,,\n"      // line 9: duplicate of line 8
                + Fixtures.unique("V") + ",faith,,B,,,,,,maybe\n"      // line 10: bad active
                + Fixtures.unique("U") + "\n";                         // line 11: one value
        ValidatableResponse response = importCsv(csv).statusCode(422)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("errors", hasSize(8));
        List<Map<String, Object>> errors = response.extract().jsonPath().getList("errors");
        assertError(errors, 3, "Enter the agency's name");
        assertError(errors, 4, "Unknown sector 'space-travel'");
        assertError(errors, 5, "leadEmail");
        assertError(errors, 6, "Cycle group must be A or B");
        assertError(errors, 7, "Unknown partnership 'no-such-partnership'");
        assertError(errors, 9, "Duplicate row: line 8");
        assertError(errors, 10, "active");
        assertError(errors, 11, "The row has 1 value but the header has ");
        assertEquals(null, find(good), "the good row must not be imported either");
        assertEquals(null, find(dup));
    }

    @Test
    void aWrongHeaderIsReportedOnLineOneAndImportsNothing() {
        String name = Fixtures.unique("Header Agency");
        importCsv("name,sector,subtype,cycleGroup,leadName,leadEmail,seniorName,seniorEmail,partnerships\n"
                + name + ",school,,A,,,,,\n")
                .statusCode(422)
                .body("errors.line", equalTo(List.of(1, 1)))
                .body("errors[0].message", containsString("Unknown column 'subtype'"))
                .body("errors[1].message", containsString("Missing column 'subType'"));
        assertEquals(null, find(name));
    }

    @Test
    void reImportingTheSameFileUpdatesInsteadOfDuplicating() {
        String name = Fixtures.unique("Oak Tree Nursery");
        String first = HEADER + name + ",early-years,Nursery,A,Ann,ann@oak.example.org,,,,\n";
        importCsv(first).statusCode(200).body("created", equalTo(1));
        importCsv(first).statusCode(200).body("created", equalTo(0)).body("updated", equalTo(0))
                .body("unchanged", equalTo(1));
        importCsv(HEADER + name.toLowerCase() + ",early-years,Nursery,B,Ann,ann.new@oak.example.org,,,"
                + north.code + ",false\n")
                .statusCode(200).body("created", equalTo(0)).body("updated", equalTo(1));

        assertEquals(1, Agency.count("lower(name)", name.toLowerCase()));
        Agency updated = find(name.toLowerCase());
        assertEquals(CycleGroup.B, updated.cycleGroup);
        assertEquals("ann.new@oak.example.org", updated.leadEmail);
        assertEquals(List.of(north.code), updated.partnerships.stream().map(p -> p.code).toList());
        assertFalse(updated.active);
    }

    @Test
    void byteOrderMarkQuotedCommasNewlinesAndUnicodeNamesRoundTripThroughExport() {
        String welsh = Fixtures.unique("Ysgol Gymraeg Ffordd Dyffryn");
        String cafe = Fixtures.unique("St. Mary's — Café Club, Riverside");
        String csv = "\uFEFF" + HEADER
                + welsh + ",school,Ysgol gynradd,A,Siân Evans,sian@ysgol.example.org,,," + south.code + ",\n"
                + "\"" + cafe + "\",voluntary-community,\"Club, after school\",B,\"Zoë \"\"Zee\"\" Ng\",,,,"
                + north.code + ",\n"
                + "\n"
                + Fixtures.unique("Bad") + ",school,,Q,,,,,,\n"; // line 5: the blank line 4 still counts
        importCsv(csv).statusCode(422).body("errors[0].line", equalTo(5));

        String good = csv.substring(0, csv.lastIndexOf("\n\n") + 1);
        importCsv(good).statusCode(200).body("created", equalTo(2));
        Agency club = find(cafe);
        assertEquals("Club, after school", club.subType);
        assertEquals("Zoë \"Zee\" Ng", club.leadName);
        assertEquals("Siân Evans", find(welsh).leadName);

        byte[] exported = given().cookie(SESSION_COOKIE, signIn(manager))
                .queryParam("partnership", north.code).queryParam("status", "all")
                .when().get("/agencies/export.csv").then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF" + String.join(",", AgencyCsv.COLUMNS)), text);
        assertTrue(text.contains("\"" + cafe + "\""), text);
        importBytes(exported).statusCode(200).body("created", equalTo(0)).body("updated", equalTo(0))
                .body("unchanged", equalTo(1));
    }

    @Test
    void aFileThatIsNotUtf8OrTooLargeIsRefusedWithAClearMessage() {
        byte[] latin1 = (HEADER + "Caf\u00e9 Club,school,,A,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        importBytes(latin1).statusCode(400).body("message", containsString("not UTF-8"));
        byte[] huge = new byte[AgencyImporter.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        importBytes(huge).statusCode(400).body("message", containsString("larger than 5 MB"));
    }

    @Test
    void mescCannotImport() {
        String mesc = users.create(Role.MESC);
        given().auth().preemptive().basic(mesc, TestUsers.PASSWORD).contentType("text/csv").body(HEADER)
                .when().post("/api/v1/agencies/import").then().statusCode(403);
    }

    static final String SESSION_COOKIE = "compact-audit-session";

    /** Signs in through the form login, as the pages need, and returns the session cookie. */
    static String signIn(String email) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", email).formParam("j_password", TestUsers.PASSWORD)
                .when().post("/j_security_check").then().statusCode(302).extract().cookie(SESSION_COOKIE);
    }

    private static void assertError(List<Map<String, Object>> errors, int line, String text) {
        assertTrue(errors.stream().anyMatch(e -> ((Number) e.get("line")).intValue() == line
                && e.get("message").toString().contains(text)),
                "expected an error on line " + line + " containing '" + text + "' in " + errors);
    }
}
