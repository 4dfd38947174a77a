package org.compactaudit.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.support.TestUsers;

/**
 * Proves that partnerships are kept apart, by enumeration: every operation of the application's own OpenAPI document
 * (its JAX-RS resources, pages and API alike) is called as the other partnership's manager, MESC reviewer and
 * moderator with the first partnership's ids. Each must answer 403 or 404, or (for one without ids) answer without
 * any of the first partnership's things; and no call may change anything in the database. A new endpoint is covered
 * without editing this test; one whose path names a new kind of id fails here until its id is added to
 * {@link #idFor}.
 */
@QuarkusTest
class PartnershipSeparationTest {

    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    private static final Pattern PARAM = Pattern.compile("\\{([^}:]+)[^}]*}");

    @Inject
    SeparatedPartnerships partnerships;

    SeparatedPartnerships.First first;
    SeparatedPartnerships.Other other;

    /** The database as the last call left it. */
    private Map<String, List<String>> before;

    record Operation(String method, String path, List<String> queryParams) {

        boolean api() {
            return path.startsWith("/api/");
        }

        /** Respondents' paths (a return's secret link, or asking for a new one) belong to no partnership's staff. */
        boolean byLink() {
            return path.equals("/respond") || path.startsWith("/respond/") || path.startsWith("/api/v1/respond/");
        }

        boolean namesIds() {
            return path.contains("{");
        }
    }

    @BeforeEach
    void twoPartnerships() {
        first = partnerships.first();
        other = partnerships.other(first);
    }

    @Test
    void everyApiOperationRefusesOrHidesTheFirstPartnershipFromTheOtherOnesStaff() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Operation op : operations()) {
            if (!op.api() || op.byLink()) {
                continue;
            }
            for (String user : List.of(other.manager(), other.mesc(), other.moderator())) {
                RequestSpecification request = given().auth().preemptive().basic(user, TestUsers.PASSWORD)
                        .redirects().follow(false).contentType("application/json").body(jsonBody());
                check(op, user, send(request, op), failures);
                calls++;
            }
        }
        assertTrue(calls > 60, "only " + calls + " API calls enumerated");
        assertEquals(List.of(), failures);
    }

    @Test
    void everyPageRefusesOrHidesTheFirstPartnershipFromTheOtherOnesStaff() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String user : List.of(other.manager(), other.mesc(), other.moderator())) {
            FormSession session = FormSession.signIn(user);
            FormSession.Csrf csrf = session.csrfFrom("/account");
            for (Operation op : operations()) {
                if (op.api() || op.byLink() || op.path().startsWith("/q/") || op.path().equals("/logout")) {
                    continue;
                }
                RequestSpecification request = given().cookie(FormSession.COOKIE, session.sessionCookie())
                        .cookie("csrf-token", csrf.cookie()).redirects().follow(false);
                if (!op.method().equals("GET")) {
                    request.contentType("application/x-www-form-urlencoded").formParams(formBody(csrf.field()));
                }
                check(op, user, send(request, op), failures);
                calls++;
            }
        }
        assertTrue(calls > 90, "only " + calls + " page calls enumerated");
        assertEquals(List.of(), failures);
    }

    @Test
    void theOpenApiDocumentListsThePagesAsWellAsTheApi() throws Exception {
        List<String> paths = operations().stream().map(Operation::path).toList();
        assertTrue(paths.contains("/rounds/{id}"), "pages are missing from the document: " + paths);
        assertTrue(paths.contains("/api/v1/rounds/{id}"), paths.toString());
        assertTrue(paths.contains("/outbox/{id}"), paths.toString());
    }

    private void check(Operation op, String user, Response response, List<String> failures) {
        int status = response.statusCode();
        String call = op.method() + " " + op.path() + " as " + user.substring(0, 8) + ": " + status;
        String body = response.asString();
        if (op.namesIds() && status != 403 && status != 404) {
            failures.add(call + " (expected 403 or 404)");
        } else if (status >= 500) {
            failures.add(call + " (server error)");
        }
        first.markers().stream().filter(body::contains).findFirst()
                .ifPresent(marker -> failures.add(call + " shows the first partnership's '" + marker + "'"));
        Map<String, List<String>> after = partnerships.snapshot(first);
        if (!after.equals(before)) {
            failures.add(call + " changed the database: " + difference(before, after));
            before = after;
        }
    }

    private Response send(RequestSpecification request, Operation op) {
        if (before == null) {
            before = partnerships.snapshot(first);
        }
        String path = op.path();
        Matcher m = PARAM.matcher(path);
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(url, Matcher.quoteReplacement(idFor(path.substring(0, m.start()), m.group(1))));
        }
        m.appendTail(url);
        for (String q : op.queryParams()) {
            if (q.equals("partnership")) {
                request.queryParam(q, first.partnership().code);
            } else if (q.equals("standard")) {
                request.queryParam(q, "s1");
            }
        }
        return request.request(op.method(), url.toString());
    }

    /** The first partnership's id for a path parameter, by its name and the path segment before it. */
    private String idFor(String before, String param) {
        String segment = before.replaceAll("/$", "").replaceAll(".*/", "");
        return switch (param) {
            case "id" -> switch (segment) {
                case "rounds" -> String.valueOf(first.round().id);
                case "agencies" -> String.valueOf(first.own().id);
                case "returns" -> String.valueOf(first.submitted().id);
                case "outbox" -> String.valueOf(first.messageId());
                case "users" -> String.valueOf(QuarkusTransaction.requiringNew()
                        .call(() -> StaffUser.findByEmail(first.manager()).orElseThrow().id));
                case "partnerships" -> String.valueOf(first.partnership().id);
                default -> throw new AssertionError("No id of the first partnership for {id} after /" + segment);
            };
            case "returnId" -> String.valueOf(first.open().id);
            case "visitId" -> String.valueOf(first.visitId());
            case "agencyId" -> String.valueOf(first.own().id);
            case "standardKey" -> "s1";
            case "toolKey" -> first.tool().toolKey;
            case "version" -> first.tool().version;
            case "file" -> "export.csv";
            case "action" -> "resend";
            default -> throw new AssertionError("No id of the first partnership for {" + param + "} in " + before);
        };
    }

    /** A body naming the first partnership's things wherever an endpoint might read them. */
    private Map<String, Object> jsonBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Probe");
        body.put("partnership", first.partnership().code);
        body.put("partnerships", List.of(first.partnership().code));
        body.put("sector", "school");
        body.put("cycleGroup", "A");
        body.put("opensOn", "2030-01-01");
        body.put("dueOn", "2030-02-01");
        body.put("closesOn", "2030-03-01");
        body.put("agencyId", first.own().id);
        body.put("returnId", first.open().id);
        body.put("add", List.of(Map.of("agencyId", first.own().id, "reason", "Probe")));
        return body;
    }

    private Map<String, Object> formBody(String csrf) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("csrf-token", csrf);
        form.put("name", "Probe");
        form.put("partnership", first.partnership().code);
        form.put("partnerships", first.partnership().code);
        form.put("sector", "school");
        form.put("cycleGroup", "A");
        form.put("agencyId", String.valueOf(first.own().id));
        form.put("returnId", String.valueOf(first.open().id));
        form.put("reason", "Probe");
        return form;
    }

    private static String difference(Map<String, List<String>> before, Map<String, List<String>> after) {
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey)
                .toList().toString();
    }

    private List<Operation> operations() throws Exception {
        String json = given().auth().preemptive().basic(other.manager(), TestUsers.PASSWORD)
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext();) {
                Map.Entry<String, JsonNode> operation = o.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                JsonNode parameters = operation.getValue().path("parameters");
                parameters.forEach(param -> {
                    if ("query".equals(param.path("in").asText())) {
                        query.add(param.path("name").asText());
                    }
                });
                operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), query));
            }
        }
        return operations;
    }
}
