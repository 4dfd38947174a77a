package org.compactaudit.tool;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Role;
import org.compactaudit.support.Fixtures;
import org.compactaudit.support.TestUsers;

@QuarkusTest
class ToolApiTest {

    @Inject
    TestUsers users;

    @Inject
    Fixtures fixtures;

    @Inject
    ToolCatalogue catalogue;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RequestSpecification as(String role) {
        return given().auth().preemptive().basic(users.create(role), TestUsers.PASSWORD);
    }

    @Test
    void anonymousCallersAreUnauthorisedAndModeratorsForbidden() {
        given().when().get("/api/v1/tools").then().statusCode(401);
        as(Role.MODERATOR).when().get("/api/v1/tools").then().statusCode(403)
                .body("message", containsString("permission"));
    }

    @Test
    void mescListsToolVersionsAndReadsOneWithTheIssueFieldNames() {
        as(Role.MESC).when().get("/api/v1/tools").then().statusCode(200)
                .body("findAll { it.toolKey == 'compact-audit' }.version", hasItems("2017-18", "2018-19"))
                .body("[0].publishedAt", not(equalTo(null)));
        as(Role.MESC).when().get("/api/v1/tools/compact-audit-education/2018-19").then().statusCode(200)
                .body("toolKey", equalTo("compact-audit-education"))
                .body("version", equalTo("2018-19"))
                .body("variant", equalTo("education"))
                .body("sectors", hasItem("school"))
                .body("standards.size()", equalTo(12))
                .body("standards[0].key", equalTo("leadership-and-accountability"))
                .body("standards[0].questions[0].key", equalTo("designated-safeguarding-lead"))
                .body("standards[0].questions[0].naAllowed", equalTo(false))
                .body("standards[0].questions[0].sectors", not(equalTo(null)))
                .body("standards[0].questions[0].guidance.requiresImprovement", not(equalTo(null)));
    }

    @Test
    void anUnknownVersionIs404Json() {
        as(Role.MANAGER).when().get("/api/v1/tools/compact-audit/1999-00").then().statusCode(404)
                .contentType("application/json").body("message", containsString("compact-audit/1999-00"));
    }

    @Test
    void theComparisonApiListsAddedRemovedAndRewordedQuestions() {
        as(Role.MESC).queryParam("from", "compact-audit/2017-18").queryParam("to", "compact-audit/2018-19")
                .when().get("/api/v1/tools/compare").then().statusCode(200)
                .body("from", equalTo("compact-audit/2017-18"))
                .body("identical", equalTo(false))
                .body("changes.findAll { it.kind == 'question-added' }.question", hasItem("children-feel-safe"))
                .body("changes.findAll { it.kind == 'question-removed' }.question", hasItem("single-central-record"))
                .body("changes.find { it.question == 'temporary-agency-staff' && it.kind == 'question-reworded' }.before",
                        not(equalTo(null)))
                // Added fields name what the keys stand for; the page's own row is not part of the API.
                .body("toTitle", equalTo("Safeguarding and Early Help Compact Audit 2018-19"))
                .body("changes.find { it.question == 'temporary-agency-staff' }.standardTitle", equalTo("Safe recruitment"))
                .body("changes.find { it.question == 'temporary-agency-staff' }.questionText",
                        startsWith("Temporary, agency, locum and bank staff"))
                .body("changes.findAll { it.shown != null }", hasSize(0));
        as(Role.MESC).queryParam("from", "nonsense").queryParam("to", "compact-audit/2018-19")
                .when().get("/api/v1/tools/compare").then().statusCode(400)
                .body("fields[0].field", equalTo("from"));
    }

    @Test
    void aManagerPublishesAFileThenTheSameFileIsUnchangedAndAChangedOneConflicts() {
        String key = Fixtures.unique("t");
        String manager = users.member(fixtures.partnership(), Role.MANAGER);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("application/yaml")
                .body(utf8(ToolFiles.small(key))).when().post("/api/v1/tools").then().statusCode(201)
                .header("Location", endsWith("/api/v1/tools/" + key + "/2018-19"))
                .body("outcome", equalTo("published"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("text/yaml")
                .body(utf8("# same content, new comment\n" + ToolFiles.small(key))).when().post("/api/v1/tools")
                .then().statusCode(200).body("outcome", equalTo("unchanged"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("application/x-yaml")
                .queryParam("filename", "changed.yaml")
                .body(utf8(ToolFiles.small(key, "Staff can name the lead."))).when().post("/api/v1/tools")
                .then().statusCode(409)
                .body("message", containsString("changed.yaml: version " + key + "/2018-19"))
                .body("message", containsString("question 'named-lead' reworded"))
                .body("fields.field", hasItem("standards.leadership.questions.named-lead.text"));
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).when().get("/api/v1/tools/" + key + "/2018-19")
                .then().body("standards[0].questions[0].text", equalTo("Staff know who the designated safeguarding lead is."));
    }

    @Test
    void aMalformedFileIs400WithEachFieldAndLine() {
        String yaml = ToolFiles.small(Fixtures.unique("t")).replace("variant: full", "variant: tiny");
        as(Role.ADMIN).contentType("application/yaml").body(utf8(yaml)).when().post("/api/v1/tools").then().statusCode(400)
                .body("message", containsString("not a valid audit tool file"))
                .body("fields[0].field", equalTo("variant"))
                .body("fields[0].message", containsString("line 4, column 1"));
        as(Role.ADMIN).contentType("application/yaml").body(utf8("toolKey: [unclosed")).when().post("/api/v1/tools")
                .then().statusCode(400).body("fields[0].field", equalTo("file"))
                .body("fields[0].message", containsString("YAML syntax error"));
    }

    @Test
    void mescCannotPublishAndJsonIsNotAToolFile() {
        as(Role.MESC).contentType("application/yaml").body(utf8(ToolFiles.small(Fixtures.unique("t"))))
                .when().post("/api/v1/tools").then().statusCode(403);
        as(Role.MANAGER).contentType("application/json").body("{}").when().post("/api/v1/tools").then().statusCode(415)
                .body("status", equalTo(415));
    }

    @Test
    void aPartnershipsUploadIsItsOwnAndOnlyItsRoundsDefaultToIt() {
        Partnership first = fixtures.partnership();
        Partnership other = fixtures.partnership();
        String firstManager = users.member(first, Role.MANAGER);
        String otherManager = users.member(other, Role.MANAGER);
        String key = Fixtures.unique("own");
        given().auth().preemptive().basic(firstManager, TestUsers.PASSWORD).contentType("application/yaml")
                .body(utf8(ToolFiles.small(key))).when().post("/api/v1/tools").then().statusCode(201);

        given().auth().preemptive().basic(firstManager, TestUsers.PASSWORD).get("/api/v1/tools/" + key + "/2018-19")
                .then().statusCode(200);
        given().auth().preemptive().basic(otherManager, TestUsers.PASSWORD).get("/api/v1/tools/" + key + "/2018-19")
                .then().statusCode(404);
        given().auth().preemptive().basic(otherManager, TestUsers.PASSWORD).get("/api/v1/tools").then().statusCode(200)
                .body("toolKey", not(hasItem(key))).body("toolKey", hasItem("compact-audit"));
        // The newest version for schools is the first partnership's upload; the other's rounds still get a shipped one.
        assertEquals(key, QuarkusTransaction.requiringNew().call(() -> catalogue.latestFor("school", first.id).orElseThrow().toolKey));
        assertNotEquals(key, QuarkusTransaction.requiringNew().call(() -> catalogue.latestFor("school", other.id).orElseThrow().toolKey));
        given().auth().preemptive().basic(otherManager, TestUsers.PASSWORD).contentType("application/yaml")
                .body(utf8(ToolFiles.small(key))).when().post("/api/v1/tools").then().statusCode(409)
                .body("message", not(containsString(first.code)));
    }

    @Test
    void aManagerOfSeveralPartnershipsPicksOneBeforeUploading() {
        String manager = users.member(List.of(fixtures.partnership(), fixtures.partnership()), Role.MANAGER);
        given().auth().preemptive().basic(manager, TestUsers.PASSWORD).contentType("application/yaml")
                .body(utf8(ToolFiles.small(Fixtures.unique("two")))).when().post("/api/v1/tools").then().statusCode(400)
                .body("message", containsString("choose the partnership"));
    }

    @Test
    void eachSectorDefaultsToTheNewestVersionLabelOfTheShippedToolsWhateverTheImportOrder() {
        // Fixture tools of other tests are published later under the same label, so only the shipped keys are compared.
        Map<String, String> expected = Map.of("school", "compact-audit-education/2018-19",
                "further-education", "compact-audit-education/2018-19", "early-years", "compact-audit-education/2018-19",
                "voluntary-community", "compact-audit-short/2018-19", "statutory", "compact-audit/2018-19",
                "faith", "compact-audit/2018-19");
        expected.forEach((sector, tool) -> assertEquals(tool, QuarkusTransaction.requiringNew().call(() ->
                catalogue.forSector(sector).stream().filter(t -> t.toolKey.startsWith("compact-audit"))
                        .findFirst().orElseThrow().reference()), sector));
    }
}
