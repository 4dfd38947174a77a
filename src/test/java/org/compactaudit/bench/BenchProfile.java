package org.compactaudit.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Benchmarks render thousands of pages: in test mode Qute keeps every rendered result for assertions
 * ({@code RenderedResults}), which filled a 256 MB heap with page HTML after some 400 drill-down pages.
 */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.qute.test-mode.record-rendered-results", "false");
    }
}
