package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.support.InboxTasks;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task inbox over its own index (issue #11): region and group scoping at 10,000 open tasks, and the index after
 * claim, complete, a task deleted by its process, and a cancelled process instance.
 */
@IntegrationTest
class TaskInboxIT {

    @Autowired TaskInboxService inbox;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    InboxTasks sample;
    final List<String> started = new ArrayList<>();
    final Map<String, String> businessKeys = new HashMap<>();
    final String prefix = "ibt-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeEach
    void setUp() {
        sample = new InboxTasks(repository, runtime, jdbc);
        sample.deploy();
    }

    @AfterEach
    void tearDown() {
        sample.removeCopies(prefix);
        for (String id : started) {
            if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtime.deleteProcessInstance(id, "test over");
            }
        }
    }

    @Test
    @DisplayName("ORG-05 SEC-02 BPM-02 with 10,000 open review tasks in Chaoyang (110105): a supervisor of another province sees none of them, nor the count; Chaoyang's supervisor sees them all, a clerk of Chaoyang none (not her group); tasks beside (110106) and above (110000) stay out of Chaoyang's inbox")
    void regionScopeAtTenThousand() {
        String beside = start("110106");
        String above = start("110000");
        String template = start("110105");
        sample.copy(template, prefix, 9_999, i -> "110105");

        // (other test classes of the shared context may have left Shanghai's own cases: those it may see)
        var mine = new TaskFilter(TaskFilter.Scope.ALL, InboxTasks.PROCESS, null, null, null, null);
        assertThat(users.as("shsupervisor", () -> inbox.find(mine, 0, 50))).isEmpty();
        assertThat(users.as("shsupervisor", () -> inbox.count(mine))).isZero();
        assertThat(users.as("shsupervisor", () -> inbox.count(
                new TaskFilter(TaskFilter.Scope.GROUPS, InboxTasks.PROCESS, null, null, null, null)))).isZero();
        assertThat(users.as("shsupervisor", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .noneMatch(t -> InboxTasks.PROCESS.equals(t.processDefinitionKey()));

        assertThat(users.as("supervisor", () -> inbox.count(mine))).as("Chaoyang's 10,000, not beside nor above")
                .isEqualTo(10_000);
        List<TaskRef> first = users.as("supervisor", () -> inbox.find(mine, 0, 50));
        assertThat(first).hasSize(50).allSatisfy(t -> {
            assertThat(t.processDefinitionKey()).isEqualTo(InboxTasks.PROCESS);
            assertThat(t.applicantName()).isEqualTo("欧**岚");
            assertThat(t.formKey()).isEqualTo("review-application");
        });
        assertThat(first.get(0).taskId()).isEqualTo(taskOf(template));
        assertThat(first.get(0).businessKey()).isEqualTo(businessKeys.get(template));
        List<TaskRef> second = users.as("supervisor", () -> inbox.find(mine, 50, 50));
        assertThat(second).hasSize(50).extracting(TaskRef::taskId)
                .doesNotContainAnyElementsOf(first.stream().map(TaskRef::taskId).toList());
        assertThat(users.as("supervisor", () -> inbox.find(mine, 9_990, 50))).hasSize(10);
        assertThat(users.as("clerk", () -> inbox.count(mine))).isZero();

        for (String outside : List.of(beside, above)) {
            String task = taskOf(outside);
            assertThat(ids("supervisor", mine)).doesNotContain(task);
            assertThatThrownBy(() -> users.as("supervisor", () -> inbox.get(task)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> users.as("shsupervisor", () -> inbox.get(taskOf(template))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("BPM-02 claim keeps the task's index entry: it moves from the group's inbox to the claimer's own; unclaim moves it back")
    void claimAndUnclaim() {
        String pi = start("110105");
        String task = taskOf(pi);
        var groups = new TaskFilter(TaskFilter.Scope.GROUPS, InboxTasks.PROCESS, null, null, null, null);
        var own = new TaskFilter(TaskFilter.Scope.MINE, InboxTasks.PROCESS, null, null, null, null);

        users.run("supervisor", () -> inbox.claim(task));
        assertThat(entries(task)).isEqualTo(1);
        assertThat(ids("supervisor", own)).contains(task);
        assertThat(ids("supervisor", groups)).doesNotContain(task);
        assertThat(ids("lead", groups)).doesNotContain(task);
        assertThat(ids("lead", TaskFilter.all())).doesNotContain(task);
        assertThatThrownBy(() -> users.run("lead", () -> inbox.claim(task))).isInstanceOf(ConflictException.class);

        users.run("supervisor", () -> inbox.unclaim(task));
        assertThat(ids("lead", groups)).contains(task);
        assertThat(ids("supervisor", own)).doesNotContain(task);
    }

    @Test
    @DisplayName("BPM-02 a task completed from the inbox leaves it and its index entry and applicant keys are gone")
    void complete() {
        String pi = start("110105");
        String task = taskOf(pi);
        assertThat(jdbc.queryForObject("select count(*) from inbox_applicant_key where task_id = ?", Integer.class,
                task)).isEqualTo(2);

        users.run("supervisor", () -> inbox.complete(task, Map.of()));

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        assertThat(entries(task)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from inbox_applicant_key where task_id = ?", Integer.class,
                task)).isZero();
        assertThat(ids("supervisor", TaskFilter.all())).doesNotContain(task);
    }

    @Test
    @DisplayName("BPM-02 a task that its process deletes (an interrupting message) leaves the inbox and the index")
    void deletedByItsProcess() {
        String pi = start("110105");
        String task = taskOf(pi);
        runtime.createMessageCorrelation(InboxTasks.WITHDRAW).processInstanceId(pi).correlate();

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        assertThat(entries(task)).isZero();
        assertThat(ids("supervisor", TaskFilter.all())).doesNotContain(task);
    }

    @Test
    @DisplayName("BPM-02 a cancelled process instance takes its task out of the inbox and the index, also when custom listeners are skipped")
    void processCancelled() {
        String pi = start("110105");
        String task = taskOf(pi);
        runtime.deleteProcessInstance(pi, "cancelled", true);

        assertThat(entries(task)).isZero();
        assertThat(ids("supervisor", TaskFilter.all())).doesNotContain(task);
    }

    private String start(String region) {
        String businessKey = "BK-" + UUID.randomUUID();
        String pi = sample.start(businessKey, region, "欧**岚", "name-key-" + region + " doc-key-" + region);
        businessKeys.put(pi, businessKey);
        started.add(pi);
        return pi;
    }

    private String taskOf(String processInstanceId) {
        return jdbc.queryForObject("select ID_ from ACT_RU_TASK where PROC_INST_ID_ = ?", String.class,
                processInstanceId);
    }

    private int entries(String taskId) {
        return jdbc.queryForObject("select count(*) from inbox_entry where task_id = ?", Integer.class, taskId);
    }

    private List<String> ids(String user, TaskFilter filter) {
        return users.as(user, () -> inbox.find(filter, 0, 500)).stream().map(TaskRef::taskId).toList();
    }
}
