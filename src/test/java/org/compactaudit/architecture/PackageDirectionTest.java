package org.compactaudit.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feature packages depend one way: each may use only the features listed before it (docs/architecture.md draws
 * the picture). A lower feature that must tell a higher one fires a CDI event or calls an interface it owns.
 */
class PackageDirectionTest {

    /** Lowest first. */
    static final List<String> LAYERS = List.of("common", "web", "partnership", "security", "agency", "tool", "mail",
            "round", "response", "chasing", "dashboard", "moderation", "reporting", "demo");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.compactaudit");
    }

    @Test
    void noFeaturePackagesFormACycle() {
        slices().matching("org.compactaudit.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyFeatureUsesOnlyTheFeaturesBelowIt() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy("org.compactaudit." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
            layers = layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        layers = layers.whereLayer(LAYERS.get(LAYERS.size() - 1)).mayNotBeAccessedByAnyLayer();
        layers.check(classes);
    }

    @Test
    void everyMainPackageIsALayer() {
        classes.stream().map(c -> c.getPackageName().replaceFirst("^org\\.compactaudit\\.?", "").split("\\.")[0])
                .filter(feature -> !feature.isEmpty() && !LAYERS.contains(feature)).findAny()
                .ifPresent(feature -> {
                    throw new AssertionError("Package org.compactaudit." + feature + " is in no layer of " + LAYERS);
                });
    }
}
