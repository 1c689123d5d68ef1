package cn.healthcard.keys.process;

// Only BpmnAwareTests is imported statically; plain values use AssertJ's Assertions by name (no ambiguity).
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.workflow.ProcessHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

/**
 * Fast tier of the key-ceremony process test (design.md §4 item 5) on the {@link ProcessHarness}: an in-memory
 * engine, processes/key-ceremony.bpmn as deployed, a recording delegate for executeKeyCeremony and the real
 * {@link KeyCustodians} bean on a stubbed service. Every path: generation co-signed, refused, failed; backup with one
 * custody task per custodian; recovery with one presentation task per custodian before the operation runs.
 */
@DisplayName("KEY-02 BPM-01 BPM-02 process key-ceremony: nothing runs before a co-signature; custodians' tasks go to each custodian")
class KeyCeremonyProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessHarness.engine("key-ceremony-process-test");

    static final String BPMN = "processes/key-ceremony.bpmn";
    static final String CEREMONY = "KC202501010001";
    static final String EXECUTE = "executeKeyCeremony";

    /** Injected by the extension. */
    ProcessEngine processEngine;

    final ProcessHarness harness = new ProcessHarness(CEREMONY);
    /** The operation variable each run of executeKeyCeremony saw, in call order. */
    final List<String> operations = new ArrayList<>();
    String outcome = KeyCeremonyService.SUCCEEDED;

    @BeforeEach
    void registerDelegates() {
        harness.init(processEngine);
        harness.record(EXECUTE, execution -> {
            operations.add((String) execution.getVariable("operation"));
            execution.setVariable("outcome", outcome);
        });
        KeyCeremonyService service = Mockito.mock(KeyCeremonyService.class);
        Mockito.when(service.custodiansOf(CEREMONY)).thenReturn(List.of("keyadmin", "keyadmin2", "keyadmin3"));
        Mocks.register("keyCustodians", new KeyCustodians(service));
    }

    @AfterEach
    void resetMocks() {
        harness.reset();
        operations.clear();
    }

    private ProcessInstance start(String operation) {
        return harness.start(KeyCeremonyService.PROCESS_KEY, "keyadmin", Map.of("ceremonyId", CEREMONY,
                "operation", operation, "regionCode", "000000", "applicantName", "冯密管"));
    }

    /** The co-signature as the service completes it: {@code coSignDecision} APPROVE or REFUSE, offered to the group. */
    private void coSign(ProcessInstance pi, String decision) {
        assertThat(pi).isWaitingAt(KeyCeremonyService.COSIGN_TASK);
        assertThat(task(KeyCeremonyService.COSIGN_TASK, pi)).isNotAssigned();
        harness.completeTask(pi, KeyCeremonyService.COSIGN_TASK, "KEYADMIN", "key-ceremony-cosign",
                Map.of(KeyCeremonyService.COSIGN_DECISION, decision));
    }

    /** Asserts executeKeyCeremony ran exactly once for the ceremony, with this operation. */
    private void assertExecuted(String operation) {
        harness.assertCalled(EXECUTE);
        Assertions.assertThat(operations).containsExactly(operation);
    }

    private void assertNotExecuted() {
        Assertions.assertThat(harness.calls()).isEmpty();
    }

    private List<Task> tasks(ProcessInstance pi, String key) {
        return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key)
                .orderByTaskAssignee().asc().list();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 PER-05 BPM-01 a personal-data key update waits for the co-signature, then runs once and completes; refused, it never runs")
    void personalDataKeyUpdate() {
        ProcessInstance pi = start("UPDATE_PD_KEY");
        assertNotExecuted();
        coSign(pi, "APPROVE");
        assertThat(pi).isEnded().hasPassedInOrder("coSignKeyCeremony", "executeKeyCeremony", "ceremonyCompleted")
                .hasNotPassed("presentKeyComponent", "takeKeyComponentCustody", "ceremonyRefused", "ceremonyFailed");
        assertExecuted("UPDATE_PD_KEY");

        harness.init(processEngine);
        operations.clear();
        ProcessInstance refused = start("UPDATE_PD_KEY");
        coSign(refused, "REFUSE");
        assertThat(refused).isEnded().hasPassed("ceremonyRefused").hasNotPassed("executeKeyCeremony");
        assertNotExecuted();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 BPM-01 generation waits for the co-signature, then runs once and completes")
    void generationCoSigned() {
        ProcessInstance pi = start("GENERATE");
        assertThat(pi).isStarted().hasBusinessKey(CEREMONY).variables().containsEntry("initiator", "keyadmin");
        assertNotExecuted();

        coSign(pi, "APPROVE");

        assertThat(pi).isEnded().hasPassedInOrder("ceremonyStarted", "coSignKeyCeremony", "coSignDecisionGateway",
                "operationGateway", "executeJoin", "executeKeyCeremony", "outcomeGateway", "ceremonyCompleted")
                .hasNotPassed("presentKeyComponent", "takeKeyComponentCustody", "ceremonyRefused", "ceremonyFailed");
        assertExecuted("GENERATE");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 BPM-01 a refused ceremony ends without running the operation")
    void refused() {
        ProcessInstance pi = start("UPDATE");
        coSign(pi, "REFUSE");

        assertThat(pi).isEnded().hasPassed("ceremonyRefused").hasNotPassed("executeKeyCeremony");
        assertNotExecuted();
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 BPM-01 a failed operation ends as failed, with no custody tasks")
    void failed() {
        outcome = KeyCeremonyService.FAILED;
        ProcessInstance pi = start("BACKUP");
        coSign(pi, "APPROVE");

        assertThat(pi).isEnded().hasPassed("executeKeyCeremony", "ceremonyFailed")
                .hasNotPassed("takeKeyComponentCustody", "componentsInCustody");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 BPM-02 a backup runs after the co-signature, then each custodian gets their own custody task")
    void backupGoesToEachCustodian() {
        ProcessInstance pi = start("BACKUP");
        coSign(pi, "APPROVE");

        assertExecuted("BACKUP");
        assertThat(pi).isWaitingAt("takeKeyComponentCustody");
        List<Task> custody = tasks(pi, "takeKeyComponentCustody");
        Assertions.assertThat(custody).extracting(Task::getAssignee).containsExactly("keyadmin", "keyadmin2",
                "keyadmin3");
        custody.forEach(t -> assertThat(t).hasFormKey("key-component-custody"));
        Assertions.assertThat(taskService().getIdentityLinksForTask(custody.get(0).getId()))
                .anyMatch(l -> "KEYADMIN".equals(l.getGroupId()));
        Assertions.assertThat(taskService().createTaskQuery().taskCandidateGroup("KEYADMIN").count())
                .as("an assigned custody task is in no one else's group inbox").isZero();

        custody.forEach(t -> complete(t));

        assertThat(pi).isEnded().hasPassed("componentsInCustody").hasNotPassed("ceremonyCompleted");
        assertExecuted("BACKUP");
    }

    @Test
    @Deployment(resources = BPMN)
    @DisplayName("KEY-02 BPM-02 a recovery waits for every custodian to present their component, then runs once")
    void recoveryWaitsForEveryCustodian() {
        ProcessInstance pi = start("RECOVER");
        coSign(pi, "APPROVE");

        List<Task> present = tasks(pi, "presentKeyComponent");
        Assertions.assertThat(present).extracting(Task::getAssignee).containsExactly("keyadmin", "keyadmin2",
                "keyadmin3");
        present.forEach(t -> assertThat(t).hasFormKey("key-component-present"));
        complete(present.get(0));
        complete(present.get(1));
        assertNotExecuted();

        complete(present.get(2));

        assertThat(pi).isEnded().hasPassedInOrder("presentKeyComponent", "executeJoin", "executeKeyCeremony",
                "ceremonyCompleted");
        assertExecuted("RECOVER");
    }
}
