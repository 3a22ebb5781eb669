package io.gridhub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * The architecture the folders show is the one the code has: which capability may use which, no
 * cycles between capabilities nor between the packages inside one, and capabilities meet only
 * through each other's services and value types, never a repository.
 */
class ArchitectureTest {

    private static final String ROOT = "io.gridhub";

    /**
     * Each top-level package (a capability, 能力模块) and the capabilities it may use. A package
     * missing here fails {@link #everyCapabilityDeclaresWhatItMayUse}: a new module states its
     * dependencies. {@code cases} and {@code plans} are the target structure (业扩 cases and their
     * plans, built on capacity, siting and the messaging interfaces).
     */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("api", Set.of()),
            Map.entry("geo", Set.of()),
            Map.entry("security", Set.of("api")),
            Map.entry("operations", Set.of("api")),
            // the grid store depends on nothing built on it (see gridAndFeedsDoNotUseMessaging)
            Map.entry("grid", Set.of("api", "geo")),
            Map.entry("messaging", Set.of("api", "grid")),
            // feeds tells the hub of a change with the GridChanged Spring event; messaging carries it on
            Map.entry("feeds", Set.of("api", "geo", "grid")),
            Map.entry("samplegrid", Set.of("api", "geo", "grid", "feeds")),
            Map.entry("capacity", Set.of("api", "geo", "grid")),
            Map.entry("siting", Set.of("api", "geo", "grid", "capacity", "messaging")),
            Map.entry("cases", Set.of("api", "geo", "grid", "capacity", "siting", "messaging", "security", "plans")),
            Map.entry("plans", Set.of("api", "geo", "grid", "capacity", "siting", "messaging", "security", "cases")),
            Map.entry("tiles", Set.of("api", "geo", "grid", "capacity")),
            // the customer register reuses the feeds' sources, validation and run records
            Map.entry("register", Set.of("api", "geo", "grid", "feeds", "messaging")),
            Map.entry("reconciliation", Set.of("api", "geo", "grid", "messaging")),
            // power-on closes a case: the register gains the customer, the GIS hears of the new service point
            Map.entry("poweron", Set.of("api", "geo", "grid", "siting", "cases", "register", "messaging")));

    /**
     * Known uses of another capability's repository, by using package, each with its reason; any
     * other one fails. {@code register} records its runs through the feeds' run repository until
     * feeds offers a run-record service; {@code messaging} answers GridSummary through the grid's
     * summary repository until grid
     * offers a summary service.
     */
    private static final Map<String, Set<String>> KNOWN_REPOSITORY_USES = Map.of(
            ROOT + ".register", Set.of(ROOT + ".feeds.FeedRunRepository"),
            ROOT + ".messaging", Set.of(ROOT + ".grid.GridSummaryRepository"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyCapabilityDeclaresWhatItMayUse() {
        Set<String> found = CLASSES.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(MAY_USE.keySet()).as("capabilities with declared dependencies (MAY_USE)").containsAll(found);
    }

    @TestFactory
    List<DynamicTest> eachCapabilityUsesOnlyWhatItMayUse() {
        return MAY_USE.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey() + " uses only " + e.getValue(), () -> {
                    String[] forbidden = MAY_USE.keySet().stream()
                            .filter(m -> !m.equals(e.getKey()) && !e.getValue().contains(m))
                            .map(m -> ROOT + "." + m + "..").toArray(String[]::new);
                    noClasses().that().resideInAPackage(ROOT + "." + e.getKey() + "..")
                            .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                            .allowEmptyShould(true)
                            .check(CLASSES);
                })).toList();
    }

    @Test
    void capabilitiesDoNotDependOnEachOtherInCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * No cycles between the packages inside a capability either. Known and left for the feeds
     * hardening work: the sub-packages of feeds read the feed's definition (FeedDefinition,
     * FeedKind, FeedMode, FeedPolicy), which lives in the top-level feeds package that builds
     * them; those four types are ignored as targets until they move into a package of their own.
     * Any other cycle fails.
     */
    @Test
    void packagesInsideACapabilityHaveNoCycles() {
        DescribedPredicate<JavaClass> feedDefinition = DescribedPredicate.describe("the feed definition types",
                c -> c.getPackageName().equals(ROOT + ".feeds") && Set.of("FeedDefinition", "FeedKind", "FeedMode",
                        "FeedPolicy").contains(c.getName().substring((ROOT + ".feeds.").length()).split("\\$")[0]));
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(ROOT + ".feeds.(*).."), feedDefinition)
                .check(CLASSES);
    }

    /**
     * Capabilities never use another capability's repository: its SQL stays free to change behind
     * the capability's services.
     */
    @TestFactory
    List<DynamicTest> repositoriesAreUsedOnlyInsideTheirCapability() {
        return MAY_USE.keySet().stream().sorted().map(module -> DynamicTest.dynamicTest(
                "only " + module + " uses its repositories", () -> {
                    String pkg = ROOT + "." + module;
                    for (String user : MAY_USE.keySet()) {
                        String userPkg = ROOT + "." + user;
                        if (userPkg.equals(pkg)) {
                            continue;
                        }
                        Set<String> known = KNOWN_REPOSITORY_USES.getOrDefault(userPkg, Set.of());
                        noClasses().that().resideInAPackage(userPkg + "..")
                                .should().dependOnClassesThat(DescribedPredicate.describe("repositories of " + module,
                                        c -> inPackage(c, pkg) && c.isAnnotatedWith(Repository.class)
                                                && !known.contains(c.getName())))
                                .allowEmptyShould(true)
                                .because("a capability's SQL stays behind its services")
                                .check(CLASSES);
                    }
                })).toList();
    }

    /**
     * Capacity (可开放容量) is read through its services ({@code CapacityService}) and value types
     * (records such as OpenCapacity, enums such as MissingLoadPolicy) and its peak window; its
     * repository and rule classes are its own.
     */
    /** Capacity beans others may read besides its services: the peak window (the map tiles colour by it). */
    private static final Set<String> PUBLISHED_CAPACITY_COMPONENTS = Set.of("PeakWindow");

    @Test
    void capacityIsUsedThroughItsServiceAndValueTypes() {
        String pkg = ROOT + ".capacity";
        noClasses().that().resideOutsideOfPackage(pkg + "..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "capacity classes other than @Service, record, enum, interface or exception",
                        c -> inPackage(c, pkg) && !(c.isAnnotatedWith(Service.class) || c.isRecord() || c.isEnum()
                                || c.isInterface() || c.isAnnotation() || c.isAssignableTo(Throwable.class)
                                || PUBLISHED_CAPACITY_COMPONENTS.contains(c.getSimpleName()))))
                .check(CLASSES);
    }

    private static boolean inPackage(JavaClass c, String pkg) {
        return c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".");
    }

    /**
     * Target rule: the lowest layers do not reach into messaging; the MIS handler and the
     * grid-changed announcer live in messaging, listening to GridChanged.
     */
    @Test
    void gridAndFeedsDoNotUseMessaging() {
        noClasses().that().resideInAnyPackage(ROOT + ".grid..", ROOT + ".feeds..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".messaging..")
                .check(CLASSES);
    }

    @Test
    void theMessageEnvelopeIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".messaging.iec61968..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..", "jakarta.jms..")
                .check(CLASSES);
    }
}
