package cn.healthcard.processadmin.internal;

import cn.healthcard.processadmin.ModelDiff;
import cn.healthcard.processadmin.ProcessChangeStatus;
import cn.healthcard.processadmin.ProcessChangeView;
import cn.healthcard.workflow.ProcessRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table {@code process_change} (V36): a change's XML, diff and problems as JSON, its status and people. */
@Repository
public class ProcessChangeStore {

    /** A stored change: the view plus what the view leaves out. */
    public record Row(ProcessChangeView view, String xml, String regionCode) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ProcessChangeStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(String id, String changeNo, String processKey, String baseDefinitionId, String kind,
                       String note, String xml, List<ModelDiff.Entry> diff, List<ProcessRules.Problem> problems,
                       String regionCode, String by, Instant now) {
        jdbc.sql("INSERT INTO process_change (id, change_no, process_key, base_definition_id, kind, note, xml, diff, "
                        + "problems, status, region_code, submitted_by, submitted_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, changeNo, processKey, baseDefinitionId, kind, note, xml, write(diff), write(problems),
                        ProcessChangeStatus.SUBMITTED.name(), regionCode, by, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    public void revised(String id, String note, String xml, List<ModelDiff.Entry> diff,
                        List<ProcessRules.Problem> problems, String by, Instant now) {
        jdbc.sql("UPDATE process_change SET note = ?, xml = ?, diff = ?, problems = ?, status = ?, submitted_by = ?, "
                        + "submitted_at = ?, reviewed_by = NULL, reviewed_at = NULL, updated_at = ? WHERE id = ?")
                .params(note, xml, write(diff), write(problems), ProcessChangeStatus.SUBMITTED.name(), by,
                        Timestamp.from(now), Timestamp.from(now), id).update();
    }

    public void reviewed(String id, ProcessChangeStatus status, String by, String comment, Instant now) {
        one(jdbc.sql("UPDATE process_change SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ?, "
                        + "updated_at = ? WHERE id = ? AND status = 'SUBMITTED'")
                .params(status.name(), by, Timestamp.from(now), comment, Timestamp.from(now), id).update());
    }

    /** The reviewing admin approved it; it is deployed in the same transaction ({@code deployed}). */
    public void approved(String id, String by, Instant now) {
        one(jdbc.sql("UPDATE process_change SET status = 'APPROVED', reviewed_by = ?, reviewed_at = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'SUBMITTED'").params(by, Timestamp.from(now), Timestamp.from(now), id)
                .update());
    }

    /** A guarded update changed exactly one row, or the change was not in the state it needs (409). */
    private static void one(int updated) {
        if (updated != 1) {
            throw new cn.healthcard.common.ConflictException("CHANGE_STATE", "变更不在可执行此操作的状态");
        }
    }

    public void deployed(String id, String deploymentId, String definitionId, List<ProcessRules.Problem> problems,
                         Instant now) {
        one(jdbc.sql("UPDATE process_change SET status = ?, deployment_id = ?, definition_id = ?, problems = ?, "
                        + "updated_at = ? WHERE id = ? AND status = 'APPROVED'")
                .params(ProcessChangeStatus.DEPLOYED.name(), deploymentId, definitionId, write(problems),
                        Timestamp.from(now), id).update());
    }

    public void status(String id, ProcessChangeStatus status, Instant now) {
        jdbc.sql("UPDATE process_change SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), Timestamp.from(now), id).update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql("SELECT * FROM process_change WHERE id = ?").param(id).query(this::row).optional();
    }

    public Optional<Row> findByNumber(String changeNo) {
        return jdbc.sql("SELECT * FROM process_change WHERE change_no = ?").param(changeNo).query(this::row)
                .optional();
    }

    /** Whether the change was approved by one admin and is not deployed yet (the state {@code approved} leaves). */
    public boolean approvedNotDeployed(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM process_change WHERE id = ? AND status = 'APPROVED'").param(id)
                .query(Long.class).single() == 1;
    }

    /** The changes of one process, newest first. */
    public List<Row> ofProcess(String processKey, int max) {
        return jdbc.sql("SELECT * FROM process_change WHERE process_key = ? ORDER BY submitted_at DESC")
                .param(processKey).query(this::row).list().stream().limit(max).toList();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        var view = new ProcessChangeView(rs.getString("id"), rs.getString("change_no"), rs.getString("process_key"),
                rs.getString("base_definition_id"), rs.getString("kind"), rs.getString("note"),
                "APPROVED".equals(status) ? ProcessChangeStatus.SUBMITTED : ProcessChangeStatus.valueOf(status),
                read(rs.getString("diff"), new TypeReference<List<ModelDiff.Entry>>() { }),
                read(rs.getString("problems"), new TypeReference<List<ProcessRules.Problem>>() { }),
                rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")), rs.getString("reviewed_by"),
                instant(rs.getTimestamp("reviewed_at")), rs.getString("review_comment"),
                rs.getString("deployment_id"), rs.getString("definition_id"));
        return new Row(view, rs.getString("xml"), rs.getString("region_code"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("process_change holds unreadable JSON", e);
        }
    }
}
