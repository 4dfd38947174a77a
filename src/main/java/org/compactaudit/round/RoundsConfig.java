package org.compactaudit.round;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compact.rounds.*: how rounds are written. */
@ConfigMapping(prefix = "compact.rounds")
public interface RoundsConfig {

    /** Rows flushed and cleared per batch when creating and sending a round. */
    @WithDefault("500")
    int batchSize();
}
