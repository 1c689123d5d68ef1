package cn.healthcard.support;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Open review tasks for inbox tests and the inbox bench: a small process ({@value #PROCESS}: one user task "审核"
 * for the SUPERVISOR group, which a message "withdraw" interrupts) started through the engine — its task is indexed
 * by the inbox's engine plug-in as any case task — and, for numbers, copies of one started instance written straight
 * into the engine's runtime tables and the inbox index (execution, its variables, task, candidate link, index rows),
 * thousands per second. Copies are ordinary open tasks to every query; they have no history and are removed with
 * {@link #removeCopies(String)}.
 */
public final class InboxTasks {

    public static final String PROCESS = "inbox-sample";
    public static final String TASK = "review";
    public static final String WITHDRAW = "inbox-sample-withdraw";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;

    public InboxTasks(RepositoryService repository, RuntimeService runtime, JdbcTemplate jdbc) {
        this.repository = repository;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    /** Deploys the sample process once. */
    public void deploy() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() > 0) {
            return;
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("收件箱样例").camundaHistoryTimeToLive(1)
                .startEvent("start")
                .userTask(TASK).name("审核").camundaCandidateGroups("SUPERVISOR").camundaFormKey("review-application")
                .endEvent("done")
                .moveToActivity(TASK).boundaryEvent("withdrawn").message(WITHDRAW).endEvent("withdrawnEnd")
                .done();
        repository.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model).deploy();
    }

    /** Starts one instance through the engine with the variables every case process sets; its instance id. */
    public String start(String businessKey, String regionCode, String applicantName, String applicantKeys) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("regionCode", regionCode);
        variables.put("applicantName", applicantName);
        variables.put("applicantKeys", applicantKeys);
        return runtime.startProcessInstanceByKey(PROCESS, businessKey, variables).getId();
    }

    /**
     * Writes {@code count} copies of a started instance waiting at its task: ids {@code prefix + i}, business key
     * the same, region {@code region(i)}, created one second apart going back from the template's task.
     */
    public void copy(String processInstanceId, String prefix, int count, IntFunction<String> region) {
        Map<String, Object> execution = jdbc.queryForMap("select * from ACT_RU_EXECUTION where ID_ = ?",
                processInstanceId);
        List<Map<String, Object>> variables = jdbc.queryForList("select * from ACT_RU_VARIABLE where PROC_INST_ID_ = ?",
                processInstanceId);
        Map<String, Object> task = jdbc.queryForMap("select * from ACT_RU_TASK where PROC_INST_ID_ = ?",
                processInstanceId);
        String taskId = (String) value(task, "ID_");
        Map<String, Object> link = jdbc.queryForMap("select * from ACT_RU_IDENTITYLINK where TASK_ID_ = ?", taskId);
        Map<String, Object> entry = jdbc.queryForMap("select * from inbox_entry where task_id = ?", taskId);
        List<Map<String, Object>> keys = jdbc.queryForList("select * from inbox_applicant_key where task_id = ?",
                taskId);
        long created = ((Timestamp) value(task, "CREATE_TIME_")).getTime();
        int batch = 2_000;
        for (int from = 0; from < count; from += batch) {
            List<Map<String, Object>> executions = new ArrayList<>();
            List<Map<String, Object>> vars = new ArrayList<>();
            List<Map<String, Object>> tasks = new ArrayList<>();
            List<Map<String, Object>> links = new ArrayList<>();
            List<Map<String, Object>> entries = new ArrayList<>();
            List<Map<String, Object>> keyRows = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String id = prefix + i;
                String tid = id + "-t";
                String r = region.apply(i);
                executions.add(with(execution, "ID_", id, "PROC_INST_ID_", id, "ROOT_PROC_INST_ID_", id,
                        "BUSINESS_KEY_", id));
                int n = 0;
                for (Map<String, Object> v : variables) {
                    Map<String, Object> copy = with(v, "ID_", id + "-v" + n++, "EXECUTION_ID_", id,
                            "PROC_INST_ID_", id, "VAR_SCOPE_", id);
                    if ("regionCode".equals(value(v, "NAME_"))) {
                        copy = with(copy, "TEXT_", r);
                    }
                    vars.add(copy);
                }
                tasks.add(with(task, "ID_", tid, "EXECUTION_ID_", id, "PROC_INST_ID_", id,
                        "CREATE_TIME_", new Timestamp(created - 1000L * (i + 1))));
                links.add(with(link, "ID_", id + "-l", "TASK_ID_", tid));
                entries.add(with(entry, "task_id", tid, "process_instance_id", id, "region_code", r,
                        "business_key", id));
                for (Map<String, Object> k : keys) {
                    keyRows.add(with(k, "task_id", tid));
                }
            }
            insert("ACT_RU_EXECUTION", executions);
            insert("ACT_RU_VARIABLE", vars);
            insert("ACT_RU_TASK", tasks);
            insert("ACT_RU_IDENTITYLINK", links);
            insert("inbox_entry", entries);
            insert("inbox_applicant_key", keyRows);
        }
    }

    /** Removes the copies written with this prefix. */
    public void removeCopies(String prefix) {
        String like = prefix + "%";
        jdbc.update("delete from inbox_applicant_key where task_id like ?", like);
        jdbc.update("delete from inbox_entry where task_id like ?", like);
        jdbc.update("delete from ACT_RU_IDENTITYLINK where TASK_ID_ like ?", like);
        jdbc.update("delete from ACT_RU_TASK where ID_ like ?", like);
        jdbc.update("delete from ACT_RU_VARIABLE where EXECUTION_ID_ like ?", like);
        jdbc.update("delete from ACT_RU_EXECUTION where ID_ like ?", like);
    }

    private void insert(String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        jdbc.batchUpdate(sql, rows.stream().map(r -> columns.stream().map(r::get).toArray()).toList());
    }

    /** A row's value by column name, whatever case the database reports it in. */
    private static Object value(Map<String, Object> row, String column) {
        for (var e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Map<String, Object> with(Map<String, Object> row, Object... columnsAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            String column = (String) columnsAndValues[i];
            String key = copy.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElse(column);
            copy.put(key, columnsAndValues[i + 1]);
        }
        return copy;
    }
}
