package org.compactaudit.common;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The one clock every date rule reads, so demos and tests can fix "now" with compact.clock.fixed. */
@ApplicationScoped
public class ClockProducer {

    /** Dates in the product are those of partnerships in England. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    @Inject
    ClockConfig config;

    @Produces
    @ApplicationScoped
    Clock clock() {
        return config.fixed().map(instant -> Clock.fixed(instant, ZONE)).orElseGet(() -> Clock.system(ZONE));
    }
}
