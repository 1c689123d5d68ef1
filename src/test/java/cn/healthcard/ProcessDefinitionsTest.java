package cn.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.security.Role;
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
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.DomElement;
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
    static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

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

    @ParameterizedTest(name = "BPM-01 {0}: every process sets camunda:historyTimeToLive")
    @MethodSource("processFiles")
    void historyTimeToLiveIsSet(Path file) {
        assertThat(processes(read(file))).allSatisfy(process -> assertThat(process.getCamundaHistoryTimeToLiveString())
                .as("historyTimeToLive of %s", process.getId()).isNotBlank());
    }

    @ParameterizedTest(name = "BPM-01 {0}: every camunda:delegateExpression names a @Component JavaDelegate bean")
    @MethodSource("processFiles")
    void delegateExpressionsNameBeans(Path file) {
        List<String> problems = new ArrayList<>();
        List<DomElement> withDelegates = elementsWithCamundaAttribute(read(file).getDocument().getRootElement(),
                "delegateExpression", new ArrayList<>());
        for (DomElement element : withDelegates) {
            String where = element.getLocalName() + " " + element.getAttribute("id");
            String expression = element.getAttribute(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            Matcher bean = DELEGATE_EXPRESSION.matcher(expression);
            if (!bean.matches()) {
                problems.add(where + ": " + expression + " is not of the form ${beanName}");
            } else if (!namedComponents.containsKey(bean.group(1))) {
                problems.add(where + ": no class in cn.healthcard is annotated @Component(\"" + bean.group(1) + "\")");
            } else if (isServiceTaskLike(element)
                    && !JavaDelegate.class.isAssignableFrom(namedComponents.get(bean.group(1)))) {
                problems.add(where + ": " + namedComponents.get(bean.group(1)).getName() + " is not a JavaDelegate");
            }
        }
        assertThat(problems).isEmpty();
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

    @ParameterizedTest(name = "BPM-02 {0}: every user task has a form key with a valid form in forms/")
    @MethodSource("processFiles")
    void userTasksHaveForms(Path file) {
        for (UserTask task : read(file).getModelElementsByType(UserTask.class)) {
            String formKey = task.getCamundaFormKey();
            assertThat(formKey).as("camunda:formKey of user task %s", task.getId()).isNotBlank();
            assertThat(FORMS.resolve(formKey + ".form")).as("form of user task %s", task.getId()).isRegularFile();
            assertThat(FormDefinition.load(formKey).id()).as("id inside forms/%s.form", formKey).isEqualTo(formKey);
        }
    }

    @ParameterizedTest(name = "BPM-02 {0}: every user task has candidate groups, each a Role")
    @MethodSource("processFiles")
    void userTasksHaveRoleCandidateGroups(Path file) {
        Set<String> roles = Arrays.stream(Role.values()).map(Role::groupId).collect(Collectors.toSet());
        for (UserTask task : read(file).getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroupsList()).as("candidate groups of user task %s", task.getId())
                    .isNotEmpty().allSatisfy(group -> assertThat(roles).contains(roleOf(group)));
        }
    }

    /**
     * The role of a candidate group: the group itself, or a role group bound to an institution by an expression
     * ({@code PRODUCTION@${makerCode}}, {@code TaskInboxService.institutionGroup}, decision 028).
     */
    private static String roleOf(String group) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Z]+)@\\$\\{[a-zA-Z]+}").matcher(group);
        return m.matches() ? m.group(1) : group;
    }

    @ParameterizedTest(name = "BPM-01 {0}: every flow node has a DI shape and every sequence flow a DI edge")
    @MethodSource("processFiles")
    void everyElementIsDrawn(Path file) {
        BpmnModelInstance model = read(file);
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBpmnElement() != null).map(s -> s.getBpmnElement().getId())
                .collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .filter(e -> e.getBpmnElement() != null).map(e -> e.getBpmnElement().getId())
                .collect(Collectors.toSet());
        assertThat(model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                .filter(id -> !shapes.contains(id))).as("flow nodes without a BPMNShape").isEmpty();
        assertThat(model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId)
                .filter(id -> !edges.contains(id))).as("sequence flows without a BPMNEdge").isEmpty();
    }

    private static List<DomElement> elementsWithCamundaAttribute(DomElement element, String attribute,
                                                                 List<DomElement> found) {
        if (element.hasAttribute(BpmnModelConstants.CAMUNDA_NS, attribute)) {
            found.add(element);
        }
        element.getChildElements().forEach(child -> elementsWithCamundaAttribute(child, attribute, found));
        return found;
    }

    /** Service, send and business-rule tasks and message end/throw events call a JavaDelegate; listeners do not. */
    private static boolean isServiceTaskLike(DomElement element) {
        return BpmnModelConstants.BPMN20_NS.equals(element.getNamespaceURI());
    }
}
