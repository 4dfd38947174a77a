package org.compactaudit.chasing;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends the chasers due today, on every replica. A plain scheduled job rather than clustered Quartz: a chaser is
 * only queued together with its unique (return, step) row, so a second replica's attempt fails and sends nothing.
 */
@ApplicationScoped
public class ChaserJob {

    @Inject
    ChasingService chasing;

    @Inject
    Clock clock;

    @Scheduled(identity = "chasers", every = "${compact.chasers.every}", delayed = "${compact.chasers.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        chasing.runAll(LocalDate.now(clock));
    }
}
