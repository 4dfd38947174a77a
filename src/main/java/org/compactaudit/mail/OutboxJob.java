package org.compactaudit.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Drains the outbox on every replica; claiming keeps them from sending the same message twice. */
@ApplicationScoped
public class OutboxJob {

    @Inject
    OutboxDelivery delivery;

    @Scheduled(identity = "outbox-delivery", every = "${compact.outbox.every}", delayed = "${compact.outbox.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        delivery.drain();
    }
}
