package org.compactaudit.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

import org.compactaudit.security.Role;
import org.compactaudit.support.TestUsers;

/**
 * Past the pool's bound the API answers a clear 503 with Retry-After, not a 500. The test holds every connection of
 * a two-connection pool itself, so the pool is exhausted for certain (no race with other requests) and the request
 * waits only the profile's one-second acquisition timeout.
 */
@QuarkusTest
@TestProfile(ReportApiBusyTest.TinyPool.class)
class ReportApiBusyTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.acquisition-timeout", "PT1S");
        }
    }

    @Inject
    ReportFixture fixture;

    @Inject
    TestUsers users;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @Test
    void aRequestThatFindsNoConnectionWithinTheBoundAnswers503WithRetryAfterAndTheNextOneIsServed() throws SQLException {
        long round = fixture.build().round().id;
        String manager = users.create(Role.MANAGER);
        // Signed in once while connections are free: the credential is then cached, so the request below reaches
        // the report (and its database read) without a password check of its own.
        as(manager).get("/api/v1/rounds/{id}/report", round).then().statusCode(200);

        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(dataSource.getConnection());
            }
            assertThrows(SQLException.class, () -> dataSource.getConnection().close(), "the pool should be exhausted");

            as(manager).get("/api/v1/rounds/{id}/report", round).then().statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/json")
                    .body("status", equalTo(503))
                    .body("message", equalTo("The service is busy. Try again in a few seconds."));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        as(manager).get("/api/v1/rounds/{id}/report", round).then().statusCode(200);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD);
    }
}
