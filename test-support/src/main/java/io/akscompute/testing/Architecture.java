package io.akscompute.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Rules about the code's shape that every module checks in a plain unit test. */
public final class Architecture {

    private Architecture() {
    }

    /** The main classes under a package (a service's, or common's). */
    public static JavaClasses classes(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** No two role packages under the root (with their sub-packages) depend on each other, directly or not. */
    public static void assertNoPackageCycles(String rootPackage) {
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(classes(rootPackage));
    }
}
