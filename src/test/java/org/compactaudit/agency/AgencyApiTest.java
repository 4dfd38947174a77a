package org.compactaudit.agency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.round.AuditRound;
import org.compactaudit.round.Return;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class AgencyApiTest {

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    String manager;
    Partnership partnership;

    @BeforeEach
    void setUp() {
        manager = users.create(Role.MANAGER);
        partnership = fixtures.partnership();
    }

    RequestSpecification as(String email) {
        return given().auth().preemptive().basic(email, TestUsers.PASSWORD);
    }

    Map<String, Object> agency(String name) {
        return Map.of("name", name, "sector", "gp-practice", "subType", "GP surgery", "cycleGroup", "B",
                "leadName", "Dr Lee", "leadEmail", "lead@surgery.example.org", "seniorName", "Pat Partner",
                "seniorEmail", "pat@surgery.example.org", "partnerships", List.of(partnership.code), "active", true);
    }

    @Test
    void sectorsAreListedWithCodeAndNameInOrder() {
        as(manager).when().get("/api/v1/sectors").then().statusCode(200)
                .body("code", hasSize(10)).body("[0].code", equalTo("statutory")).body("[0].name", equalTo("Statutory"))
                .body("code", hasItem("voluntary-community"));
    }

    @Test
    void managerCreatesReadsAndUpdatesAnAgency() {
        Partnership other = fixtures.partnership();
        String name = Fixtures.unique("Market Street Surgery");
        String location = as(manager).contentType(ContentType.JSON).body(agency(name))
                .when().post("/api/v1/agencies").then().statusCode(201)
                .header("Location", containsString("/api/v1/agencies/"))
                .body("name", equalTo(name)).body("sector", equalTo("gp-practice")).body("cycleGroup", equalTo("B"))
                .body("partnerships", equalTo(List.of(partnership.code))).body("active", equalTo(true))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        String etag = as(manager).when().get("/api/v1/agencies/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("leadEmail", equalTo("lead@surgery.example.org"))
                .body("subType", equalTo("GP surgery")).body("seniorName", equalTo("Pat Partner"))
                .extract().header("ETag");

        Map<String, Object> changed = new java.util.HashMap<>(agency(name));
        changed.put("cycleGroup", "A");
        changed.put("leadEmail", "");
        changed.put("partnerships", List.of(other.code));
        as(manager).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .when().put("/api/v1/agencies/" + id).then().statusCode(200)
                .body("cycleGroup", equalTo("A")).body("leadEmail", nullValue()).body("partnerships", equalTo(List.of(other.code)))
                .header("ETag", not(equalTo(etag)));

        as(manager).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .when().put("/api/v1/agencies/" + id).then().statusCode(409)
                .body("message", containsString("Someone else changed this agency"));
    }

    @Test
    void invalidAgenciesAreRefusedWith400NamingEachField() {
        Map<String, Object> bad = Map.of("name", "", "sector", "nowhere", "cycleGroup", "C", "leadEmail", "nope",
                "partnerships", List.of("no-such-partnership"));
        as(manager).contentType(ContentType.JSON).body(bad).when().post("/api/v1/agencies").then().statusCode(400)
                .body("fields.field", equalTo(List.of("name", "sector", "cycleGroup", "leadEmail", "partnerships")));
    }

    @Test
    void aDuplicateNameInTheSameSectorIsRefused() {
        String name = Fixtures.unique("Twin Surgery");
        as(manager).contentType(ContentType.JSON).body(agency(name)).when().post("/api/v1/agencies")
                .then().statusCode(201);
        as(manager).contentType(ContentType.JSON).body(agency(name.toUpperCase())).when().post("/api/v1/agencies")
                .then().statusCode(400).body("fields[0].field", equalTo("name"))
                .body("fields[0].message", containsString("already exists in the GP practice sector"));
    }

    @Test
    void unknownAgencyAnswers404AndMalformedJson400() {
        as(manager).when().get("/api/v1/agencies/987654321").then().statusCode(404);
        as(manager).contentType(ContentType.JSON).body("{\"name\": [").when().post("/api/v1/agencies")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("not valid JSON"));
    }

    @Test
    void searchFiltersSortsAndPagesWithTotalAndLinkHeaders() {
        Partnership only = fixtures.partnership();
        Agency a = fixtures.agency("school", CycleGroup.A, only);
        Agency b = fixtures.agency("school", CycleGroup.B, only);
        Agency c = fixtures.agency("health", CycleGroup.A, only);
        fixtures.agency("school", CycleGroup.A, partnership);

        as(manager).queryParam("partnership", only.code).queryParam("sort", "name").queryParam("size", 2)
                .when().get("/api/v1/agencies").then().statusCode(200)
                .header("X-Total-Count", "3").header("Link", containsString("rel=\"next\""))
                .body("name", equalTo(List.of(a.name, b.name, c.name).stream().sorted(String.CASE_INSENSITIVE_ORDER)
                        .limit(2).toList()));
        as(manager).queryParam("partnership", only.code).queryParam("sector", "school").queryParam("cycleGroup", "A")
                .when().get("/api/v1/agencies").then().statusCode(200)
                .header("X-Total-Count", "1").body("id", equalTo(List.of(a.id.intValue())));
        as(manager).queryParam("partnership", only.code).queryParam("q", b.leadEmail.toUpperCase())
                .when().get("/api/v1/agencies").then().body("id", equalTo(List.of(b.id.intValue())));
        as(manager).queryParam("partnership", only.code).queryParam("sort", "-sector")
                .when().get("/api/v1/agencies").then().body("[0].id", equalTo(a.name.compareToIgnoreCase(b.name) < 0
                        ? a.id.intValue() : b.id.intValue()));
    }

    @Test
    void anonymousGets401MescCannotWriteAndModeratorCannotRead() {
        given().when().get("/api/v1/agencies").then().statusCode(401);
        given().when().get("/api/v1/sectors").then().statusCode(401);
        String mesc = users.create(Role.MESC);
        as(mesc).when().get("/api/v1/agencies").then().statusCode(200);
        as(mesc).contentType(ContentType.JSON).body(agency(Fixtures.unique("Mesc Surgery")))
                .when().post("/api/v1/agencies").then().statusCode(403);
        Agency existing = fixtures.agency("school", CycleGroup.A, partnership);
        as(mesc).contentType(ContentType.JSON).body(agency(existing.name))
                .when().put("/api/v1/agencies/" + existing.id).then().statusCode(403);
        String moderator = users.create(Role.MODERATOR);
        as(moderator).when().get("/api/v1/agencies").then().statusCode(403);
        as(moderator).when().get("/api/v1/agencies/" + existing.id).then().statusCode(403);
        // An admin looks after users and partnerships; the directory is the partnerships' own.
        String admin = users.create(Role.ADMIN);
        as(admin).contentType(ContentType.JSON).body(agency(Fixtures.unique("Admin Surgery")))
                .when().post("/api/v1/agencies").then().statusCode(403);
    }

    @Test
    void anAgencyWithReturnsCannotBeDeletedButCanBeDeactivated() {
        Agency agency = fixtures.agency("school", CycleGroup.A, partnership);
        AuditRound round = fixtures.round(partnership, fixtures.tool(1, 1));
        fixtures.returnFor(round, agency);
        String session = AgencyImportTest.signIn(manager);
        given().cookie(AgencyImportTest.SESSION_COOKIE, session).redirects().follow(false)
                .when().get("/agencies/" + agency.id + "/delete").then().statusCode(409)
                .body(containsString("cannot be deleted"));
        given().cookie(AgencyImportTest.SESSION_COOKIE, session)
                .when().get("/agencies/" + agency.id).then().statusCode(200)
                .body(not(containsString("/agencies/" + agency.id + "/delete")))
                .body(containsString("1 return across audit rounds"));
        org.junit.jupiter.api.Assertions.assertEquals(1, Return.count("agency.id", agency.id));
    }
}
