package org.compactaudit.common;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** compact.clock.*: tests fix the clock; production leaves it to the system. */
@ConfigMapping(prefix = "compact.clock")
public interface ClockConfig {

    Optional<Instant> fixed();
}
