package io.akscompute.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.akscompute.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The console's packages (rest, service, domain, config) form no cycle; its domain is plain Java. */
class ArchitectureTest {

    @Test
    void packagesFormNoCycle() {
        Architecture.assertNoPackageCycles("io.akscompute.console");
    }

    @Test
    void formsAreReadWithoutAFramework() {
        noClasses().that().resideInAPackage("io.akscompute.console.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "io.akscompute.client..")
                .check(Architecture.classes("io.akscompute.console"));
    }
}
