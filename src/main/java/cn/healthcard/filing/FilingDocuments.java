package cn.healthcard.filing;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.filing.internal.FilingAttachmentRepository;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.report.ReportService;
import cn.healthcard.security.UserDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filing's printed documents (decision 021): the filing certificate (备案证明, {@code reports/filing-certificate.html})
 * of a filing in force, and the review opinion (审核意见书, {@code reports/filing-opinion.html}) of a reviewed
 * application. Whoever may see the filing may print them.
 */
@Service
public class FilingDocuments {

    public static final String CERTIFICATE = "filing-certificate";
    public static final String OPINION = "filing-opinion";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final FilingAccess access;
    private final ManufacturerRepository manufacturers;
    private final FilingAttachmentRepository attachments;
    private final ReportService reports;
    private final UserDirectory people;

    FilingDocuments(FilingAccess access, ManufacturerRepository manufacturers, FilingAttachmentRepository attachments,
                    ReportService reports, UserDirectory people) {
        this.people = people;
        this.access = access;
        this.manufacturers = manufacturers;
        this.attachments = attachments;
        this.reports = reports;
    }

    /** The certificate of a filing in force; 409 {@code NOT_FILED} otherwise (expired, revoked, not approved). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] certificate(String id) {
        ProductFiling f = access.load(id);
        if (f.status() != FilingStatus.FILED) {
            throw new ConflictException("NOT_FILED", "只有有效的备案可以打印备案证明（当前：" + f.status().nameZh() + "）");
        }
        Map<String, String> v = common(f);
        v.put("filingNo", f.filingNo());
        v.put("validFrom", date(f.validFrom()));
        v.put("validUntil", date(f.validUntil()));
        List<Map<String, String>> files = attachments.describe(f.id()).stream()
                .map(a -> Map.of("kind", a.kind().nameZh(), "fileName", a.fileName(), "sm3", a.sm3())).toList();
        return reports.document(CERTIFICATE, v, Map.of("attachments", files));
    }

    /** The opinion of the latest review; 409 {@code NOT_REVIEWED} before the first review. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] opinion(String id) {
        ProductFiling f = access.load(id);
        if (f.reviewedAt() == null) {
            throw new ConflictException("NOT_REVIEWED", "该备案申请尚未审核");
        }
        Map<String, String> v = common(f);
        v.put("submittedAt", dateTime(f.createdAt()));
        v.put("decision", switch (f.status()) {
            case FILED, EXPIRED, REVOKED -> "予以备案";
            case REJECTED -> "不予备案";
            default -> "退回补正";
        });
        v.put("opinion", f.reviewComment() == null ? "" : f.reviewComment());
        v.put("reviewer", people.displayName(f.reviewedBy()));
        v.put("reviewedAt", date(f.reviewedAt().atZone(ChinaTime.ZONE).toLocalDate()));
        v.put("filingNo", f.filingNo() == null ? "—" : f.filingNo());
        v.put("statusName", f.status().nameZh());
        return reports.document(OPINION, v, Map.of());
    }

    private Map<String, String> common(ProductFiling f) {
        Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
        Map<String, String> v = new HashMap<>();
        v.put("caseNo", f.caseNo());
        v.put("manufacturerName", m.name());
        v.put("creditCode", m.creditCode());
        v.put("productTypeName", f.productType().nameZh());
        v.put("model", f.model());
        v.put("productVersion", f.productVersion());
        return v;
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.format(DATE);
    }

    private static String dateTime(Instant t) {
        return t.atZone(ChinaTime.ZONE).format(DATE_TIME);
    }
}
