package org.compactaudit.bench;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

import org.compactaudit.security.Passwords;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;
import org.compactaudit.support.TestUsers;

/**
 * The cost of HTTP Basic sign-in (not part of the test suite: the name matches no surefire include). Run with
 * {@code ./mvnw test -Dtest=SignInBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. First 200 clients (20 users,
 * 10 clients each) send one {@code GET /api/v1/sectors} at the same moment on a freshly started service, nothing
 * cached: errors and p50/p95. Then, warm, the same call 500 times with HTTP Basic (the verified credential cached),
 * alternating with the sign-in alone (the identity provider, in process), and a bcrypt check for comparison: what
 * every request paid before the credential cache.
 */
@QuarkusTest
class SignInBenchmark {

    private static final int USERS = 20;
    private static final int CLIENTS = 200;

    @Inject
    TestUsers users;

    @Inject
    IdentityProviderManager identities;

    @Test
    void coldBurstAndWarmOverhead() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            emails.add(users.create(Role.MESC));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger errors = new AtomicInteger();
        List<Future<Double>> burst = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String email = emails.get(c % USERS);
            burst.add(pool.submit(() -> {
                start.await();
                long t = System.nanoTime();
                int status = given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/sectors").statusCode();
                if (status != 200) {
                    errors.incrementAndGet();
                    System.out.println("[bench] burst answer " + status);
                }
                return (System.nanoTime() - t) / 1e6;
            }));
        }
        start.countDown();
        double[] times = new double[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            times[c] = burst.get(c).get();
        }
        pool.shutdown();
        Arrays.sort(times);
        System.out.printf("[bench] %d clients at once, nothing cached: %d errors, p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                CLIENTS, errors.get(), pct(times, 50), pct(times, 95), times[CLIENTS - 1]);

        String email = emails.get(0);
        String hash = StaffUser.<StaffUser>find("email", email).firstResult().passwordHash;
        int iterations = 500;
        double[] call = new double[iterations];
        double[] signIn = new double[iterations];
        double[] bcrypt = new double[50];
        for (int i = -100; i < iterations; i++) {
            long t = System.nanoTime();
            check(given().auth().preemptive().basic(email, TestUsers.PASSWORD).get("/api/v1/sectors").statusCode());
            double c = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(email,
                    new PasswordCredential(TestUsers.PASSWORD.toCharArray())));
            double a = (System.nanoTime() - t) / 1e6;
            if (i >= 0) {
                call[i] = c;
                signIn[i] = a;
            }
        }
        for (int i = 0; i < bcrypt.length; i++) {
            long t = System.nanoTime();
            check(Passwords.matches(TestUsers.PASSWORD, hash) ? 200 : 401);
            bcrypt[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(call);
        Arrays.sort(signIn);
        Arrays.sort(bcrypt);
        System.out.printf("[bench] warm GET /api/v1/sectors with HTTP Basic: p50 %.2f ms, p95 %.2f ms; of which the"
                + " sign-in (cached credential, identity provider): p50 %.3f ms, p95 %.3f ms; a bcrypt check, what every"
                + " request paid before: p50 %.1f ms, p95 %.1f ms%n", pct(call, 50), pct(call, 95), pct(signIn, 50),
                pct(signIn, 95), pct(bcrypt, 50), pct(bcrypt, 95));
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("answered " + status);
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
