package org.compactaudit.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Page;

/** Runs axe-core on the page as it is now and fails on any WCAG 2.2 AA violation, listing each. */
public final class Accessibility {

    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Accessibility() {
    }

    public static void assertNoViolations(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_22_AA).analyze();
        if (!results.getViolations().isEmpty()) {
            String report = results.getViolations().stream()
                    .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                            + v.getNodes().stream().map(n -> n.getTarget().toString()).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n  "));
            fail("axe-core found WCAG 2.2 AA violations on " + page.url() + ":\n  " + report);
        }
    }
}
