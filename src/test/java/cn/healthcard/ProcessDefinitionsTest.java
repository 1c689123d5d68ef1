package cn.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.security.Role;
import cn.healthcard.workflow.ProcessRules;
import cn.healthcard.workflow.form.FormDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * Architecture as a test for the process models (design.md §3 and §4 items 4 and 9), without Spring: every file in
 * {@code processes/} is parsed as the Modeler and the engine would read it, and checked against the code and
 * {@code forms/}.
 */
class ProcessDefinitionsTest {

    static final Path PROCESSES = Path.of("processes");
    static final Path FORMS = Path.of("forms");

    /** Spring bean name → class, for every {@code @Component("name")} in {@code cn.healthcard} (production code). */
    static Map<String, Class<?>> namedComponents;

    @BeforeAll
    static void scanComponents() throws ClassNotFoundException {
        // reads class files only (ASM); no application context is started
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class, false));
        namedComponents = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("cn.healthcard")) {
            if (String.valueOf(candidate.getResourceDescription()).contains("test-classes")) {
                continue; // a test double must not stand in for a missing production bean
            }
            var metadata = ((AnnotatedBeanDefinition) candidate).getMetadata();
            String name = (String) metadata.getAnnotationAttributes(Component.class.getName()).get("value");
            if (!name.isEmpty()) {
                namedComponents.put(name, Class.forName(metadata.getClassName()));
            }
        }
    }

    static Stream<Path> processFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
        }
    }

    static BpmnModelInstance read(Path file) {
        return Bpmn.readModelFromFile(file.toFile());
    }

    static Collection<Process> processes(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class);
    }

    @Test
    @DisplayName("BPM-01: processes/ holds BPMN files, and each parses and validates against the BPMN 2.0 schema")
    void processFilesExist() throws IOException {
        assertThat(processFiles()).isNotEmpty().allSatisfy(file -> Bpmn.validateModel(read(file)));
    }

    @ParameterizedTest(name = "BPM-01 {0}: file name is the id of its one executable process")
    @MethodSource("processFiles")
    void fileNameIsProcessId(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.bpmn$", "");
        assertThat(processes(read(file))).singleElement().satisfies(process -> {
            assertThat(process.getId()).isEqualTo(name);
            assertThat(process.isExecutable()).as("isExecutable").isTrue();
        });
    }

    @ParameterizedTest(name = "BPM-01 BPM-05 {0}: meets the one rule set of ProcessRules (drawn, TTL, delegates, forms, "
            + "groups, timers, no scripts, expressions on allowed beans)")
    @MethodSource("processFiles")
    void meetsTheRuleSet(Path file) throws IOException {
        // the same rules the admin's change and the deployment are checked with (decision 032); here the beans are
        // those the engine would allow, found by scanning the production classes
        assertThat(ProcessRules.check(Files.readAllBytes(file), known())).isEmpty();
    }

    /** What the rules may accept here: *.process beans (and the JavaDelegates among them), forms/, the roles. */
    static ProcessRules.Known known() throws IOException {
        Set<String> beans = namedComponents.entrySet().stream().filter(e -> ProcessRules.isProcessBean(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> delegates = namedComponents.entrySet().stream()
                .filter(e -> ProcessRules.isProcessBean(e.getValue())
                        && JavaDelegate.class.isAssignableFrom(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> forms;
        try (Stream<Path> files = Files.list(FORMS)) {
            forms = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".form"))
                    .map(n -> n.substring(0, n.length() - ".form".length())).collect(Collectors.toSet());
        }
        Set<String> groups = Arrays.stream(Role.values()).map(Role::groupId).collect(Collectors.toSet());
        return new ProcessRules.Known(beans, delegates, forms, groups);
    }

    @ParameterizedTest(name = "SEC-01 BPM-04 {0}: every bean an expression names is one BPMN may reach (a *.process class)")
    @MethodSource("processFiles")
    void expressionBeansAreProcessBeans(Path file) throws IOException {
        // the engine resolves only beans of cn.healthcard.<module>.process classes (docs/decisions/018): a delegate or
        // helper elsewhere would not resolve at run time
        Matcher names = Pattern.compile("[$#]\\{\\s*!?\\s*([A-Za-z_][A-Za-z0-9_]*)").matcher(Files.readString(file));
        List<String> problems = new ArrayList<>();
        while (names.find()) {
            Class<?> bean = namedComponents.get(names.group(1));
            if (bean != null && !bean.getPackageName().matches("cn\\.healthcard\\.[a-z]+\\.process")) {
                problems.add(names.group(1) + " is " + bean.getName() + ", outside a *.process package");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "BPM-02 {0}: every form a user task names is a valid form whose id is its key")
    @MethodSource("processFiles")
    void userTaskFormsAreValid(Path file) {
        for (UserTask task : read(file).getModelElementsByType(UserTask.class)) {
            String formKey = task.getCamundaFormKey();
            assertThat(FormDefinition.load(formKey).id()).as("id inside forms/%s.form", formKey).isEqualTo(formKey);
        }
    }

}
