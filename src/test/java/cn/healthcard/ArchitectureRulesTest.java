package cn.healthcard;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries of decision 001 as rules that fail the build (ArchUnit, next to {@link ModularityTests}, which
 * lets Spring Modulith check each module's allowed dependencies and cycles):
 * <ul>
 *     <li>only the {@code workflow} module and the BPMN delegates in {@code *.process} packages touch the engine
 *     ({@code org.camunda});</li>
 *     <li>no module reaches into another module's {@code internal} package;</li>
 *     <li>delegates stay thin: a {@code process} package talks to its own module's application service, not to another
 *     module's {@code process} package.</li>
 * </ul>
 * Main code only; tests may drive the engine directly.
 */
class ArchitectureRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("cn.healthcard");

    private static final Pattern MODULE = Pattern.compile("^cn\\.healthcard\\.([a-z0-9]+)(\\..*)?$");

    @Test
    @DisplayName("decision 001: only workflow and *.process packages use the Camunda engine")
    void onlyWorkflowAndDelegatesTouchTheEngine() {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackages("cn.healthcard.workflow..", "cn.healthcard..process..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("decision 001: the engine is reached through workflow (ProcessGateway, TaskInboxService,"
                        + " the case kit) and BPMN delegates only");
        rule.check(MAIN);
    }

    @Test
    @DisplayName("decision 001: no module uses another module's internal package")
    void noModuleReachesIntoAnothersInternals() {
        ArchRule rule = classes().should(new ArchCondition<JavaClass>("use only their own module's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = module(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    Optional<String> targetModule = module(target);
                    if (targetModule.isPresent() && !targetModule.equals(own)
                            && target.startsWith("cn.healthcard." + targetModule.get() + ".internal")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        });
        rule.check(MAIN);
    }

    @Test
    @DisplayName("decision 001: BPMN delegates of one module do not call another module's delegates")
    void delegatesStayInTheirModule() {
        ArchRule rule = classes().that().resideInAPackage("cn.healthcard..process..")
                .should(new ArchCondition<JavaClass>("depend on no other module's process package") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> own = module(origin.getPackageName());
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getPackageName();
                            Optional<String> targetModule = module(target);
                            if (targetModule.isPresent() && !targetModule.equals(own) && target.contains(".process")) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                });
        rule.check(MAIN);
    }

    static Optional<String> module(String packageName) {
        Matcher m = MODULE.matcher(packageName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
