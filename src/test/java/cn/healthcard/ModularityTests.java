package cn.healthcard;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Architecture as a test (design.md §4 items 1 and 9): the top-level packages under {@code cn.healthcard} are Spring
 * Modulith modules; a module's root package is its API, its sub-packages ({@code internal}, {@code process},
 * {@code ui}, {@code web}, ...) are hidden from other modules, and modules must not depend on each other in a cycle.
 * No Spring context is started.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(HealthCardApplication.class);

    @Test
    @DisplayName("modules only use each other's API packages and have no dependency cycles")
    void verifiesModularStructure() {
        MODULES.verify();
    }

    @Test
    @DisplayName("module documentation (C4/PlantUML and module canvases) is written to target/spring-modulith-docs")
    void writesDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
