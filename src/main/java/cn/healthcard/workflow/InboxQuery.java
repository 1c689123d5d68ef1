package cn.healthcard.workflow;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.security.CurrentUser;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.NativeTaskQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbox as one native task query: the engine's open tasks ({@code RES}) joined with the inbox index
 * ({@code inbox_entry E}, workflow/internal/InboxIndex), scoped exactly as the engine's task query with
 * {@code processVariableValueLike(regionCode, prefix%)}, {@code taskAssignee} and {@code taskCandidateGroupIn} was:
 * <ul>
 *     <li>region (ORG-05): the user's region and those below it, as the range {@code [prefix0…, prefix9…]} over the
 *     6-digit codes (the same set as the prefix, but an index range in every database);</li>
 *     <li>MINE: assigned to the user; GROUPS: unassigned with a candidate link to one of the user's groups (the role
 *     groups, and the role groups bound to the user's institution, {@link TaskInboxService#institutionGroup}); ALL:
 *     either;</li>
 *     <li>process, task name ({@code like %…%}), created after / before (exclusive, as the engine's query), applicant
 *     by an exact keyed index ({@code inbox_applicant_key}).</li>
 * </ul>
 * Values are bound as parameters ({@code #{name}}), never written into the SQL.
 */
final class InboxQuery {

    /** The engine's table names (they carry its configured prefix, if any). */
    record Tables(String task, String identityLink) {
        static Tables of(ManagementService management) {
            return new Tables(management.getTableName(TaskEntity.class),
                    management.getTableName(IdentityLinkEntity.class));
        }
    }

    private final String from;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private InboxQuery(Tables tables) {
        this.from = " from " + tables.task() + " RES join inbox_entry E on E.task_id = RES.ID_";
    }

    /**
     * @param applicantKeys the keyed indexes of the applicant filter; null when there is none, empty when the filter
     *                      stands for nobody (nothing is found)
     */
    static InboxQuery of(TaskFilter filter, CurrentUser me, Set<String> applicantKeys, Tables tables) {
        InboxQuery q = new InboxQuery(tables);
        String prefix = me.region().scopePrefix();
        if (!prefix.isEmpty()) {
            q.where.add("E.region_code between #{regionLow} and #{regionHigh}");
            q.parameters.put("regionLow", pad(prefix, '0'));
            q.parameters.put("regionHigh", pad(prefix, '9'));
        }
        String mine = "RES.ASSIGNEE_ = #{me}";
        String groups = q.candidateOf(TaskInboxService.candidateGroupsOf(me), tables);
        q.parameters.put("me", me.username());
        switch (filter.scope() == null ? TaskFilter.Scope.ALL : filter.scope()) {
            case MINE -> q.where.add(mine);
            case GROUPS -> q.where.add(groups);
            case ALL -> q.where.add("(" + mine + " or " + groups + ")");
        }
        if (notBlank(filter.processDefinitionKey())) {
            q.where.add("E.process_key = #{processKey}");
            q.parameters.put("processKey", filter.processDefinitionKey());
        }
        if (notBlank(filter.taskName())) {
            q.where.add("RES.NAME_ like #{taskName}");
            q.parameters.put("taskName", "%" + filter.taskName().trim() + "%");
        }
        if (filter.createdFrom() != null) {
            q.where.add("RES.CREATE_TIME_ > #{createdFrom}");
            q.parameters.put("createdFrom", startOf(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            q.where.add("RES.CREATE_TIME_ < #{createdTo}");
            q.parameters.put("createdTo", startOf(filter.createdTo().plusDays(1)));
        }
        if (applicantKeys != null) {
            if (applicantKeys.isEmpty()) {
                q.where.add("1 = 0");
            } else {
                q.where.add("exists (select 1 from inbox_applicant_key K where K.task_id = RES.ID_"
                        + " and K.applicant_key in (" + q.list("applicantKey", applicantKeys) + "))");
            }
        }
        return q;
    }

    /** The page's tasks, highest priority and newest first (task id last, so that pages do not overlap). */
    String select() {
        return "select RES.*" + from + where() + " order by RES.PRIORITY_ desc, RES.CREATE_TIME_ desc, RES.ID_ asc";
    }

    String count() {
        return "select count(*)" + from + where();
    }

    NativeTaskQuery bind(NativeTaskQuery query) {
        parameters.forEach(query::parameter);
        return query;
    }

    private String candidateOf(List<String> groupIds, Tables tables) {
        if (groupIds.isEmpty()) {
            return "1 = 0";
        }
        parameters.put("candidate", IdentityLinkType.CANDIDATE);
        // not correlated: the databases evaluate it once per query (H2 reuses the result, PostgreSQL hashes it) — a
        // correlated EXISTS let H2 probe the group index once per task when its statistics were stale
        return "(RES.ASSIGNEE_ is null and RES.ID_ in (select L.TASK_ID_ from " + tables.identityLink() + " L"
                + " where L.TYPE_ = #{candidate} and L.GROUP_ID_ in (" + list("group", groupIds) + ")))";
    }

    private String list(String name, Iterable<String> values) {
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        for (String value : values) {
            String key = name + i++;
            parameters.put(key, value);
            placeholders.add("#{" + key + "}");
        }
        return String.join(", ", placeholders);
    }

    private String where() {
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    private static String pad(String prefix, char digit) {
        return prefix + String.valueOf(digit).repeat(6 - prefix.length());
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ChinaTime.ZONE).toInstant());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
