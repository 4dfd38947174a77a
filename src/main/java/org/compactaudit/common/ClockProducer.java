package org.compactaudit.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one clock every date rule reads, so demos and tests can fix "now" with compact.clock.fixed. */
@ApplicationScoped
public class ClockProducer {

    /** Dates in the product are those of partnerships in England. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    @ConfigProperty(name = "compact.clock.fixed")
    Optional<Instant> fixed;

    @Produces
    @ApplicationScoped
    Clock clock() {
        return fixed.map(instant -> Clock.fixed(instant, ZONE)).orElseGet(() -> Clock.system(ZONE));
    }
}
