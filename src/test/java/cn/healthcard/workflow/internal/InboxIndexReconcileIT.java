package cn.healthcard.workflow.internal;

import cn.healthcard.support.InboxTasks;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox index brought in line with the engine's open tasks when the engine starts (tasks opened before V21). */
@IntegrationTest
class InboxIndexReconcileIT {

    @Autowired InboxIndexPlugin plugin;
    @Autowired ProcessEngine engine;
    @Autowired TaskInboxService inbox;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("ORG-05 BPM-02 a task open before the inbox index existed is indexed from its process variables (regionCode, applicant) when the engine starts, and entries of tasks that are gone are dropped")
    void reconcilesWithTheEngine() {
        var sample = new InboxTasks(repository, runtime, jdbc);
        sample.deploy();
        String businessKey = "BK-" + UUID.randomUUID();
        String pi = sample.start(businessKey, "110105", "欧**岚", "name-key-r doc-key-r");
        String task = jdbc.queryForObject("select ID_ from ACT_RU_TASK where PROC_INST_ID_ = ?", String.class, pi);
        try {
            jdbc.update("delete from inbox_applicant_key where task_id = ?", task);
            jdbc.update("delete from inbox_entry where task_id = ?", task);
            jdbc.update("insert into inbox_entry (task_id, process_instance_id, process_key, region_code)"
                    + " values ('gone-task', 'gone-process', 'x', '110105')");
            assertThat(users.as("supervisor", () -> inbox.find(TaskFilter.all(), 0, 500)))
                    .extracting(TaskRef::taskId).doesNotContain(task);

            plugin.postProcessEngineBuild(engine);

            assertThat(jdbc.queryForObject("select count(*) from inbox_entry where task_id = 'gone-task'",
                    Integer.class)).isZero();
            assertThat(jdbc.queryForMap("select process_instance_id, process_key, region_code, business_key,"
                    + " applicant_name from inbox_entry where task_id = ?", task)).containsValues(pi,
                    InboxTasks.PROCESS, "110105", businessKey, "欧**岚");
            assertThat(jdbc.queryForList("select applicant_key from inbox_applicant_key where task_id = ?",
                    String.class, task)).containsExactlyInAnyOrder("name-key-r", "doc-key-r");
            var filter = new TaskFilter(TaskFilter.Scope.ALL, InboxTasks.PROCESS, null, null, null, null);
            assertThat(users.as("supervisor", () -> inbox.find(filter, 0, 500))).extracting(TaskRef::taskId)
                    .contains(task);
            assertThat(users.as("shsupervisor", () -> inbox.find(filter, 0, 500))).extracting(TaskRef::taskId)
                    .doesNotContain(task);
        } finally {
            runtime.deleteProcessInstance(pi, "test over");
        }
    }
}
