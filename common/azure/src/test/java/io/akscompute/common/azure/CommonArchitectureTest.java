package io.akscompute.common.azure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * common is five modules that depend on each other in one direction: contracts <- rules <- {identity, runtime} <-
 * azure. The contract and the rules stay free of the runtime, Azure and every framework, so that a client can take
 * them alone.
 */
class CommonArchitectureTest {
    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.akscompute.common");
    private static final String[] RUNTIME = { "io.akscompute.common.config..", "io.akscompute.common.inbox..",
        "io.akscompute.common.messaging..", "io.akscompute.common.operation..", "io.akscompute.common.outbox..",
        "io.akscompute.common.participant..", "io.akscompute.common.rest..", "io.akscompute.common.retention..",
        "io.akscompute.common.saga..",
        "io.akscompute.common.tracing..", "io.akscompute.common.versions..", "io.akscompute.common.work.." };

    @Test
    void noPackageCycle() {
        slices().matching("io.akscompute.common.(*)..").should().beFreeOfCycles().check(COMMON);
    }

    @Test
    void contractsAndRulesKnowNeitherTheRuntimeNorAzureNorAFramework() {
        noClasses().that().resideInAnyPackage("io.akscompute.common.contract..", "io.akscompute.common.rules..")
                .should().dependOnClassesThat().resideInAnyPackage(RUNTIME).check(COMMON);
        noClasses().that().resideInAnyPackage("io.akscompute.common.contract..", "io.akscompute.common.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.akscompute.common.azure..", "com.azure..",
                        "io.fabric8..", "io.quarkus..", "jakarta.persistence..", "org.hibernate..", "io.smallrye..")
                .check(COMMON);
    }

    @Test
    void theRuntimeKnowsNeitherAzureNorFabric8() {
        noClasses().that().resideInAnyPackage(RUNTIME).should().dependOnClassesThat()
                .resideInAnyPackage("io.akscompute.common.azure..", "com.azure..", "io.fabric8..").check(COMMON);
    }
}
