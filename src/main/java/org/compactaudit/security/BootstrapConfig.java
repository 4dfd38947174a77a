package org.compactaudit.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** compact.bootstrap.*: the first administrator of an empty install. */
@ConfigMapping(prefix = "compact.bootstrap")
public interface BootstrapConfig {

    Optional<String> adminEmail();

    /** When absent, a random password is made and logged once. */
    Optional<String> adminPassword();
}
