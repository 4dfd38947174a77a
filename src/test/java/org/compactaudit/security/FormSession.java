package org.compactaudit.security;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

import org.compactaudit.support.TestUsers;

/** A signed-in browser session without a browser: the login cookie and the CSRF cookie and field of a form page. */
record FormSession(String sessionCookie) {

    static final String COOKIE = "compact-audit-session";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** Signs in through the real form login and keeps its cookie. */
    static FormSession signIn(String email) {
        Response response = given().redirects().follow(false)
                .formParam("j_username", email).formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check");
        String cookie = response.getCookie(COOKIE);
        if (cookie == null) {
            throw new AssertionError("Sign-in of " + email + " gave no session cookie: " + response.statusCode());
        }
        return new FormSession(cookie);
    }

    /** The CSRF cookie and hidden field value that a GET of the form page hands out. */
    record Csrf(String cookie, String field) {
    }

    Csrf csrfFrom(String formPath) {
        Response page = given().cookie(COOKIE, sessionCookie).redirects().follow(false).get(formPath);
        Matcher m = TOKEN.matcher(page.asString());
        if (page.statusCode() != 200 || !m.find()) {
            throw new AssertionError("No CSRF field on " + formPath + " (" + page.statusCode() + ")");
        }
        return new Csrf(page.getCookie("csrf-token"), m.group(1));
    }
}
