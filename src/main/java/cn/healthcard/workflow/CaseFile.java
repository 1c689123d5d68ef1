package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What people add to a case while working its tasks, kept with the case ({@code case_note}, {@code case_attachment};
 * V37, docs/decisions/034): comments, co-approval verdicts, send-back reasons, delegation notes, and attached files.
 * A request id (given by an API caller, else the row's own id) makes a replayed request return the first row; the
 * same request id with another case, task, text or file is 409 {@code REQUEST_ID_REUSED}.
 */
@Component
class CaseFile {

    /** The kinds of notes on a case. */
    enum NoteKind { COMMENT, CO_APPROVAL, SEND_BACK, DELEGATION }

    private final JdbcTemplate jdbc;

    CaseFile(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a note; a note of the same author and request id is returned instead of a second one. */
    CaseNote addNote(CaseAccess.Case c, String taskId, String taskName, NoteKind kind, String author, String body,
                     String requestId) {
        String id = UUID.randomUUID().toString();
        String request = requestId == null || requestId.isBlank() ? id : requestId;
        Optional<CaseNote> earlier = replayedNote(c, taskId, author, request, body);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = Instant.now();
        try {
            jdbc.update("insert into case_note (id, case_ref, process_instance_id, region_code, task_id, task_name,"
                            + " kind, author, body, request_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, c.businessKey(), c.processInstanceId(), c.regionCode(), taskId, taskName, kind.name(), author,
                    body, request, Timestamp.from(now));
        } catch (DuplicateKeyException replayedConcurrently) {
            return replayedNote(c, taskId, author, request, body).orElseThrow(() -> replayedConcurrently);
        }
        return new CaseNote(id, c.businessKey(), taskId, taskName, kind.name(), author, body, now, false);
    }

    /** The latest notes of a case (at most {@code limit}), oldest first. */
    List<CaseNote> notes(String processInstanceId, int limit) {
        List<CaseNote> latest = new java.util.ArrayList<>(jdbc.query("select id, case_ref, task_id, task_name, kind,"
                + " author, body, created_at from case_note where process_instance_id = ?"
                + " order by created_at desc, id desc fetch first " + limit + " rows only",
                (rs, i) -> new CaseNote(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), false),
                processInstanceId));
        java.util.Collections.reverse(latest);
        return latest;
    }

    /**
     * The note an earlier request with this request id stored, if the same request: the same case, task and text;
     * a request id reused for another request is 409 {@code REQUEST_ID_REUSED}.
     */
    private Optional<CaseNote> replayedNote(CaseAccess.Case c, String taskId, String author, String requestId,
                                            String body) {
        Optional<CaseNote> earlier = note(author, requestId);
        if (earlier.isPresent()) {
            String pi = jdbc.queryForObject("select process_instance_id from case_note where id = ?", String.class,
                    earlier.get().id());
            if (!c.processInstanceId().equals(pi) || !java.util.Objects.equals(taskId, earlier.get().taskId())
                    || !body.equals(earlier.get().body())) {
                throw reused();
            }
        }
        return earlier;
    }

    private static ConflictException reused() {
        return new ConflictException("REQUEST_ID_REUSED", "requestId", "该请求编号已用于另一条内容，请换一个请求编号");
    }

    private Optional<CaseNote> note(String author, String requestId) {
        return jdbc.query("select id, case_ref, task_id, task_name, kind, author, body, created_at from case_note"
                + " where author = ? and request_id = ?", (rs, i) -> new CaseNote(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant(), true), author, requestId).stream().findFirst();
    }

    /** Stores a file; a file of the same uploader and request id is returned instead of a second one. */
    CaseAttachment addAttachment(CaseAccess.Case c, String taskId, String taskName, String fileName,
                                 String contentType, byte[] content, String sha256, String uploader, String requestId) {
        String id = UUID.randomUUID().toString();
        String request = requestId == null || requestId.isBlank() ? id : requestId;
        Optional<CaseAttachment> earlier = replayedAttachment(c, taskId, uploader, request, sha256);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = Instant.now();
        try {
            jdbc.update("insert into case_attachment (id, case_ref, process_instance_id, region_code, task_id,"
                            + " task_name, file_name, content_type, size_bytes, sha256, content, uploaded_by,"
                            + " request_id, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, c.businessKey(), c.processInstanceId(), c.regionCode(), taskId, taskName, fileName,
                    contentType, content.length, sha256, content, uploader, request, Timestamp.from(now));
        } catch (DuplicateKeyException replayedConcurrently) {
            return replayedAttachment(c, taskId, uploader, request, sha256)
                    .orElseThrow(() -> replayedConcurrently);
        }
        return new CaseAttachment(id, c.businessKey(), taskId, taskName, fileName, contentType, content.length,
                sha256, uploader, now, false);
    }

    private static final String ATTACHMENT_COLUMNS = "id, case_ref, task_id, task_name, file_name, content_type,"
            + " size_bytes, sha256, uploaded_by, uploaded_at";

    /** The latest files of a case (at most {@code limit}, without their content), oldest first. */
    List<CaseAttachment> attachments(String processInstanceId, int limit) {
        List<CaseAttachment> latest = new java.util.ArrayList<>(jdbc.query("select " + ATTACHMENT_COLUMNS
                + " from case_attachment where process_instance_id = ? order by uploaded_at desc, id desc"
                + " fetch first " + limit + " rows only", (rs, i) -> attachment(rs, false), processInstanceId));
        java.util.Collections.reverse(latest);
        return latest;
    }

    /** The file an earlier request with this request id stored, if the same (case, task, content); else 409. */
    private Optional<CaseAttachment> replayedAttachment(CaseAccess.Case c, String taskId, String uploader,
                                                        String requestId, String sha256) {
        Optional<CaseAttachment> earlier = attachment(uploader, requestId);
        if (earlier.isPresent()) {
            String pi = jdbc.queryForObject("select process_instance_id from case_attachment where id = ?",
                    String.class, earlier.get().id());
            if (!c.processInstanceId().equals(pi) || !taskId.equals(earlier.get().taskId())
                    || !sha256.equals(earlier.get().sha256())) {
                throw reused();
            }
        }
        return earlier;
    }

    private Optional<CaseAttachment> attachment(String uploader, String requestId) {
        return jdbc.query("select " + ATTACHMENT_COLUMNS + " from case_attachment where uploaded_by = ?"
                + " and request_id = ?", (rs, i) -> attachment(rs, true), uploader, requestId).stream().findFirst();
    }

    /** A file of the case with its content; empty if the case has no such file. */
    Optional<AttachmentContent> content(String processInstanceId, String attachmentId) {
        return jdbc.query("select " + ATTACHMENT_COLUMNS + ", content from case_attachment where id = ?"
                        + " and process_instance_id = ?",
                (rs, i) -> new AttachmentContent(attachment(rs, false), rs.getBytes(11)), attachmentId,
                processInstanceId).stream().findFirst();
    }

    private static CaseAttachment attachment(java.sql.ResultSet rs, boolean replayed) throws java.sql.SQLException {
        return new CaseAttachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), replayed);
    }
}
