package io.gridhub;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The architecture the folders show is the one the code has. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gridhub");

    @Test
    void capabilitiesDoNotDependOnEachOtherInCycles() {
        slices().matching("io.gridhub.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theGridStoreDependsOnNoCapabilityBuiltOnIt() {
        noClasses().that().resideInAPackage("io.gridhub.grid..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.gridhub.feeds..", "io.gridhub.capacity..", "io.gridhub.siting..", "io.gridhub.samplegrid..")
                .check(classes);
    }

    @Test
    void theMessageEnvelopeIsPlainJava() {
        noClasses().that().resideInAPackage("io.gridhub.messaging.iec61968..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..", "jakarta.jms..")
                .check(classes);
    }
}
