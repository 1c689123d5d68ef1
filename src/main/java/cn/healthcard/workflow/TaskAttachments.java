package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files attached to a task, stored with its case (BPM-02, docs/decisions/034): at most {@value #MAX_BYTES} bytes, PDF,
 * PNG or JPEG by content ({@link FileTypes}); a declared type that is not the detected one is refused. Adding needs
 * the task workable by the caller; reading needs the case readable ({@link CaseAccess}), and every read is audited
 * ({@code TaskAttachmentRead}): a scanned signature or certificate is personal data.
 */
@Service
public class TaskAttachments {

    /** 4 MiB: the API's request body limit, so the same file passes the screen and the API. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final int MAX_NAME = 255;

    private final CaseAccess access;
    private final CaseFile file;
    private final ApplicationEventPublisher events;

    TaskAttachments(CaseAccess access, CaseFile file, ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.events = events;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public CaseAttachment attach(String taskId, String fileName, String declaredType, byte[] content,
                                 String requestId) {
        CurrentUser me = SecurityContextUsers.require();
        Task task = access.workable(taskId);
        String name = fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new DomainValidationException("file", "「附件」的文件名须为1至" + MAX_NAME + "个字符");
        }
        if (content == null || content.length == 0) {
            throw new DomainValidationException("file", "「附件」为空，请选择文件");
        }
        if (content.length > MAX_BYTES) {
            throw new DomainValidationException("file", "「附件」不能超过" + (MAX_BYTES / 1024 / 1024) + "MB");
        }
        String type = FileTypes.detect(content).orElseThrow(() ->
                new DomainValidationException("file", "「附件」只接受 PDF、PNG、JPEG 文件（按文件内容识别）"));
        if (!FileTypes.matches(declaredType, type)) {
            throw new DomainValidationException("file", "「附件」的内容（" + type + "）与声明的类型（" + declaredType
                    + "）不符");
        }
        CaseAccess.Case c = access.caseOf(task);
        CaseAttachment stored = file.addAttachment(c, task.getId(), task.getName(), name, type, content,
                sha256(content), me.username(), requestId);
        if (!stored.replayed()) {
            events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.ATTACHMENT_ADDED, task.getId(),
                    c.businessKey(), c.regionCode(), TaskComments.step(task) + ", attachment=" + stored.id() + ", "
                    + type + ", " + content.length + " bytes, sha256=" + stored.sha256()));
        }
        return stored;
    }

    /** A file of the case with its content, for a reader of the case; the read is audited. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public AttachmentContent read(String caseNumber, String attachmentId) {
        CaseAccess.Case c = access.readable(caseNumber);
        AttachmentContent content = file.content(c.processInstanceId(), attachmentId)
                .orElseThrow(() -> new NotFoundException("附件不存在"));
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.ATTACHMENT_READ, attachmentId,
                c.businessKey(), c.regionCode(), "attachment=" + attachmentId + ", task="
                + content.attachment().taskId()));
        return content;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
