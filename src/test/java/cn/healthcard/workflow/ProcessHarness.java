package cn.healthcard.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import cn.healthcard.support.InMemoryProcessEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one harness of the fast process tests (design.md §4 item 5): an in-memory engine, the BPMN files as deployed,
 * and recording delegates instead of the Spring beans. A test class holds one harness for its case's business key:
 * <pre>{@code
 * @RegisterExtension
 * static ProcessEngineExtension extension = ProcessHarness.engine("my-case-process-test");
 * ProcessEngine processEngine;                       // injected by the extension
 * final ProcessHarness harness = new ProcessHarness("MC2026...");
 *
 * @BeforeEach void delegates() {
 *     harness.init(processEngine);
 *     harness.record("checkMyCase", execution -> execution.setVariable("checkPassed", true));
 *     harness.failing("orderSomething", failures);     // throws while failures > 0
 * }
 * @AfterEach void reset() { harness.reset(); }
 * }</pre>
 * A delegate named {@code x} is the bean {@code xDelegate} of the BPMN ({@code ${xDelegate}}); each call is recorded
 * as {@code "x:businessKey"} in {@link #calls()}, in call order. The user-task helpers complete tasks with the
 * variables the application services send (see {@link Review#variables()} and {@link Withdrawal}).
 */
public final class ProcessHarness {

    private final String businessKey;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public ProcessHarness(String businessKey) {
        this.businessKey = businessKey;
    }

    /** The engine extension of one test class; each class gets its own in-memory engine and database. */
    public static ProcessEngineExtension engine(String name) {
        return ProcessEngineExtension.builder().useProcessEngine(InMemoryProcessEngine.build(name)).build();
    }

    /** Binds the BpmnAwareTests helpers to the test's engine; call first in {@code @BeforeEach}. */
    public void init(ProcessEngine engine) {
        BpmnAwareTests.init(engine);
        calls.clear();
    }

    /** Clears the delegates, the calls and the helpers' engine; call in {@code @AfterEach}. */
    public void reset() {
        Mocks.reset();
        BpmnAwareTests.reset();
        calls.clear();
    }

    /** Registers {@code nameDelegate}, recording each call and then running {@code behaviour}. */
    public void record(String name, Consumer<DelegateExecution> behaviour) {
        Mocks.register(name + "Delegate", (JavaDelegate) execution -> {
            calls.add(name + ":" + execution.getBusinessKey());
            behaviour.accept(execution);
        });
    }

    /** Registers {@code nameDelegate}, recording each call and doing nothing else. */
    public void record(String name) {
        record(name, execution -> { });
    }

    /**
     * Registers {@code nameDelegate}, recording each call, that throws "{@code name} unreachable" while
     * {@code failures} (counted down per call) is positive — for retry and incident paths.
     */
    public void failing(String name, AtomicInteger failures) {
        record(name, execution -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException(name + " unreachable");
            }
        });
    }

    /** The recorded calls so far, {@code "delegate:businessKey"}, in call order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How a call of this delegate for the harness's business key is recorded. */
    public String call(String name) {
        return name + ":" + businessKey;
    }

    /** The recorded calls expected for these delegates, in this order. */
    public List<String> calls(String... names) {
        return java.util.Arrays.stream(names).map(this::call).toList();
    }

    /** Asserts that exactly these delegates ran for the business key, in this order. */
    public void assertCalled(String... names) {
        org.assertj.core.api.Assertions.assertThat(calls()).containsExactlyElementsOf(calls(names));
    }

    /** Starts the latest version of a process for the business key, as {@code initiator} (like ProcessGateway). */
    public ProcessInstance start(String processKey, String initiator, Map<String, Object> variables) {
        identityService().setAuthenticatedUserId(initiator);
        try {
            return runtimeService().startProcessInstanceByKey(processKey, businessKey, new HashMap<>(variables));
        } finally {
            identityService().clearAuthentication();
        }
    }

    /**
     * Asserts the instance waits at the user task, offered to the group with the form, and completes it with the
     * variables.
     */
    public void completeTask(ProcessInstance pi, String taskKey, String candidateGroup, String formKey,
                             Map<String, Object> variables) {
        assertThat(pi).isWaitingAt(taskKey);
        assertThat(task(taskKey, pi)).hasCandidateGroup(candidateGroup).hasFormKey(formKey);
        complete(task(taskKey, pi), variables);
    }

    /** A supervisor's review as the services send it: {@code reviewDecision} (code) and {@code reviewComment}. */
    public void review(ProcessInstance pi, String taskKey, String formKey, String decision, String comment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Review.DECISION_VARIABLE, decision);
        variables.put(Review.COMMENT_VARIABLE, comment);
        completeTask(pi, taskKey, "SUPERVISOR", formKey, variables);
    }

    /** The clerk resubmits a case sent back for correction. */
    public void resubmit(ProcessInstance pi, String taskKey, String formKey) {
        completeTask(pi, taskKey, "CLERK", formKey, Withdrawal.RESUBMITTED);
    }

    /** The clerk withdraws a case sent back for correction. */
    public void withdraw(ProcessInstance pi, String taskKey, String formKey, String reason) {
        completeTask(pi, taskKey, "CLERK", formKey, new Withdrawal(reason).variables());
    }

    /** A variable's last value in the history (also after the instance ended), as text. */
    public String historicValue(ProcessInstance pi, String variable) {
        Object value = historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(variable).singleResult().getValue();
        return value == null ? null : value.toString();
    }
}
