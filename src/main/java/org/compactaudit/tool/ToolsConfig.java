package org.compactaudit.tool;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compact.tools.*: where the shipped audit tools are read from. */
@ConfigMapping(prefix = "compact.tools")
public interface ToolsConfig {

    @WithDefault("audit-tools")
    Path dir();
}
