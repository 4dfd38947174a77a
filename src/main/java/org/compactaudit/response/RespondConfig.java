package org.compactaudit.response;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compact.respond.*: the respondent's side. */
@ConfigMapping(prefix = "compact.respond")
public interface RespondConfig {

    /** Unknown links a client may try per window before it is slowed down. */
    @WithDefault("10")
    int badLinkLimit();

    /** "Get a new link" requests a client may make per window before it is answered 429. */
    @WithDefault("10")
    int linkRequestsPerClient();

    /** New links mailed to one address per window; further requests for it are answered alike but send nothing. */
    @WithDefault("3")
    int linkRequestsPerAddress();
}
