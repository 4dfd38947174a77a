package org.compactaudit.response;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compact.respond.*: the respondent's side. */
@ConfigMapping(prefix = "compact.respond")
public interface RespondConfig {

    /** Unknown links a client may try per window before it is slowed down. */
    @WithDefault("10")
    int badLinkLimit();
}
