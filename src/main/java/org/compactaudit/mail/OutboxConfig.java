package org.compactaudit.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compact.outbox.*: how the outbox is drained (every and delay also drive the scheduler). */
@ConfigMapping(prefix = "compact.outbox")
public interface OutboxConfig {

    /** How often each replica drains the outbox ("off" disables). */
    @WithDefault("30s")
    String every();

    @WithDefault("10s")
    String delay();

    /** Messages claimed per batch. */
    @WithDefault("50")
    int batchSize();

    /** Attempts before a message is FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** The first retry's delay; each later one is five times the one before. */
    @WithDefault("PT1M")
    Duration firstRetry();

    /** How long a replica holds a claimed message before another may take it. */
    @WithDefault("PT5M")
    Duration claimFor();
}
