package cn.healthcard.workflow.internal;

import static cn.healthcard.workflow.TaskInboxService.APPLICANT_KEYS;
import static cn.healthcard.workflow.TaskInboxService.APPLICANT_NAME;
import static cn.healthcard.workflow.TaskInboxService.REGION_CODE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task inbox's index of open user tasks ({@code inbox_entry}, {@code inbox_applicant_key}; V21): per task the
 * case values the inbox filters and shows — region (ORG-05), process, business key, applicant name and the applicant's
 * keyed indexes — read once from the process variables when the task is created, instead of from the engine's
 * variable table on every view. Kept by {@link InboxIndexPlugin} inside the engine command, i.e. in the transaction
 * that creates, completes or deletes the task.
 *
 * <p>A task whose process has no {@code regionCode} gets no entry, so it is in nobody's inbox (as before: the region
 * filter never matched it).
 */
@Component
public class InboxIndex {

    private static final Logger log = LoggerFactory.getLogger(InboxIndex.class);

    /** What the inbox shows of a task besides the engine's own fields. */
    public record Entry(String taskId, String processKey, String businessKey, String applicantName) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    InboxIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The entries of a page of tasks, in one query; tasks without an entry are left out. */
    public Map<String, Entry> entries(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Entry> entries = new HashMap<>();
        named.query("select task_id, process_key, business_key, applicant_name from inbox_entry"
                        + " where task_id in (:ids)", new MapSqlParameterSource("ids", taskIds),
                rs -> {
                    entries.put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                });
        return entries;
    }

    /** Task listener "create": the task's entry from its process instance's variables. */
    void created(DelegateTask task) {
        VariableScope process = task.getExecution() == null ? null : task.getExecution().getProcessInstance();
        Object region = process == null ? null : process.getVariableLocal(REGION_CODE);
        if (region == null) {
            return;
        }
        Object applicant = process.getVariableLocal(APPLICANT_NAME);
        String processKey = task.getProcessDefinitionId() == null ? null
                : task.getProcessDefinitionId().split(":")[0];
        insert(task.getId(), task.getProcessInstanceId(), processKey, region.toString(),
                task.getExecution().getProcessBusinessKey(), applicant == null ? null : applicant.toString(),
                keys(process.getVariableLocal(APPLICANT_KEYS)));
    }

    /**
     * The entry of a task outside a process that belongs to a case: a co-approval (docs/decisions/034), indexed with
     * its case's values so it is in its assignee's inbox. Removed with {@link #remove}.
     */
    public void addStandalone(String taskId, String processInstanceId, String processKey, String region,
                              String businessKey, String applicantName) {
        insert(taskId, processInstanceId, processKey, region, businessKey, applicantName, Set.of());
    }

    /** Removes a task's entry (a co-approval done). */
    public void remove(String taskId) {
        jdbc.update("delete from inbox_applicant_key where task_id = ?", taskId);
        jdbc.update("delete from inbox_entry where task_id = ?", taskId);
    }

    /** Task listener "complete" and "delete" (also when its process instance is cancelled). */
    void removed(DelegateTask task) {
        jdbc.update("delete from inbox_applicant_key where task_id = ?", task.getId());
        jdbc.update("delete from inbox_entry where task_id = ?", task.getId());
    }

    /**
     * Brings the index in line with the engine's open tasks, once when the engine has started (before the job
     * executor runs): entries of tasks that are gone are removed, open tasks without one (opened before V21) get
     * one from their process instance's variables.
     */
    void reconcile(String taskTable, String executionTable, String variableTable, String procDefTable) {
        int stale = jdbc.update("delete from inbox_applicant_key where not exists (select 1 from " + taskTable
                + " t where t.ID_ = inbox_applicant_key.task_id)");
        stale += jdbc.update("delete from inbox_entry where not exists (select 1 from " + taskTable
                + " t where t.ID_ = inbox_entry.task_id)");
        String variable = "(select v.TEXT_ from " + variableTable + " v where v.EXECUTION_ID_ = t.PROC_INST_ID_"
                + " and v.TASK_ID_ is null and v.NAME_ = ?)";
        List<Map<String, Object>> missing = jdbc.queryForList("select t.ID_ as task_id, t.PROC_INST_ID_ as pi,"
                + " d.KEY_ as process_key, e.BUSINESS_KEY_ as business_key, " + variable + " as region, "
                + variable + " as applicant, " + variable + " as applicant_keys from " + taskTable + " t join "
                + executionTable + " e on e.ID_ = t.PROC_INST_ID_ left join " + procDefTable
                + " d on d.ID_ = t.PROC_DEF_ID_ where not exists (select 1 from inbox_entry i"
                + " where i.task_id = t.ID_)", REGION_CODE, APPLICANT_NAME, APPLICANT_KEYS);
        int added = 0;
        for (Map<String, Object> row : missing) {
            Object region = row.get("region");
            if (region != null) {
                insert((String) row.get("task_id"), (String) row.get("pi"), (String) row.get("process_key"),
                        region.toString(), (String) row.get("business_key"), (String) row.get("applicant"),
                        keys(row.get("applicant_keys")));
                added++;
            }
        }
        if (stale + added > 0) {
            log.info("inbox index reconciled with the engine: {} stale rows removed, {} open tasks added",
                    stale, added);
        }
    }

    private void insert(String taskId, String processInstanceId, String processKey, String region,
                        String businessKey, String applicantName, Set<String> keys) {
        jdbc.update("insert into inbox_entry (task_id, process_instance_id, process_key, region_code, business_key,"
                        + " applicant_name) values (?, ?, ?, ?, ?, ?)", taskId, processInstanceId, processKey, region,
                businessKey, applicantName == null || applicantName.length() <= 100 ? applicantName
                        : applicantName.substring(0, 100));
        if (!keys.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            keys.forEach(k -> rows.add(new Object[]{taskId, k}));
            jdbc.batchUpdate("insert into inbox_applicant_key (task_id, applicant_key) values (?, ?)", rows);
        }
    }

    private static Set<String> keys(Object applicantKeys) {
        if (applicantKeys == null || applicantKeys.toString().isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(applicantKeys.toString().trim().split("\\s+")));
    }
}
