package cn.healthcard.filing.internal;

import cn.healthcard.filing.AttachmentView;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface FilingAttachmentRepository extends JpaRepository<FilingAttachment, String> {

    /** The attachments' metadata without their bytes. */
    @Query("select new cn.healthcard.filing.AttachmentView(a.id, a.kind, a.fileName, a.contentType, a.sizeBytes,"
            + " a.sm3, a.uploadedBy, a.uploadedAt) from FilingAttachment a where a.filingId = :filingId"
            + " order by a.uploadedAt, a.id")
    List<AttachmentView> describe(String filingId);

    long countByFilingId(String filingId);
}
