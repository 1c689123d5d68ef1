package cn.healthcard.lifecycle.internal;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.Masking;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.report.CardRequestForm;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.security.UserDirectory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the printed application form (附表1–4, 注销申请单) of a request from its stored form data. */
@Component
public class RequestPrintout {

    /** Chinese names of the change-table items (附表4 条目名称). */
    public static final Map<String, String> ITEM_NAMES = Map.of("name", "姓名", "sex", "性别", "ethnicity", "民族",
            "birthDate", "出生日期", "phone", "联系电话", "address", "住址", "bloodTypeAbo", "ABO血型",
            "bloodTypeRh", "Rh血型", "medicalAlerts", "医学警示信息");

    private final CardRequestRepository requests;
    private final UserDirectory users;

    RequestPrintout(CardRequestRepository requests, UserDirectory users) {
        this.requests = requests;
        this.users = users;
    }

    public CardRequestForm form(CardRequest r, Map<String, Object> f, ResidentData holder) {
        RequestType type = r.type();
        String decision = switch (r.status()) {
            case APPROVED, COMPLETED -> CardRequestForm.APPROVED;
            case RETURNED, WITHDRAWN -> CardRequestForm.RETURNED;
            case REJECTED -> r.reviewedBy() == null ? null : CardRequestForm.REJECTED;
            case SUBMITTED -> null;
        };
        LocalDate lossDate = date(f.get("lossDate"));
        String lossReason = text(f.get("lossReason"));
        if (type == RequestType.UNLOSS) {
            var loss = requests.findByCardNoOrderByCreatedAtAsc(r.cardNo()).stream()
                    .filter(x -> x.type() == RequestType.LOSS_REPORT && x.status() == RequestStatus.COMPLETED)
                    .max(Comparator.comparing(CardRequest::updatedAt));
            lossDate = loss.map(x -> x.updatedAt().atZone(ChinaTime.ZONE).toLocalDate()).orElse(null);
            lossReason = loss.map(x -> "见挂失申请 " + x.id()).orElse("—");
        }
        List<CardRequestForm.Change> changes = RequestRules.changes(f.get("changes")).stream()
                .map(c -> new CardRequestForm.Change(ITEM_NAMES.getOrDefault(c.get("item"), c.get("item")),
                        c.get("oldValue"), c.get("newValue"), c.get("reason")))
                .toList();
        String returned = switch (type) {
            case REPLACEMENT -> "LOST".equals(f.get("replacementReason")) ? "未交回（丢失）"
                    : Boolean.TRUE.equals(f.get("oldCardReturned")) ? "已交回" : "未交回";
            case CANCELLATION -> Boolean.TRUE.equals(f.get("cardReturned")) ? "已交回" : "未交回";
            default -> null;
        };
        BigDecimal fee = r.feeAmount();
        return new CardRequestForm(type.name(), r.id(), holder.name(),
                r.createdAt().atZone(ChinaTime.ZONE).toLocalDate(), r.cardNo(), text(f.get("applicantPhone")),
                CodeTables.documentTypes().name(holder.documentType()).orElse(holder.documentType()),
                Masking.documentNumber(holder.documentNumber()), lossDate == null && type == RequestType.UNLOSS
                ? r.createdAt().atZone(ChinaTime.ZONE).toLocalDate() : lossDate, lossReason,
                text(f.get("unlossReason")), date(f.get("lockDate")), text(f.get("lockReason")),
                text(f.get("replacementReason")), text(f.get("otherReason")),
                type == RequestType.REPLACEMENT ? changes : List.of(),
                fee == null ? null : fee.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                text(f.get("feeReceiptNo")),
                type == RequestType.REPLACEMENT ? Boolean.TRUE.equals(f.get("temporaryCardRequested")) : null,
                returned, text(f.get("cancellationReason")), decision, decision == null ? null : r.reviewComment(),
                decision == null ? null : users.displayName(r.reviewedBy()),
                decision == null || r.reviewedAt() == null ? null : r.reviewedAt().atZone(ChinaTime.ZONE).toLocalDate(),
                users.displayName(r.createdBy()));
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    private static LocalDate date(Object o) {
        return o == null || o.toString().isBlank() ? null : LocalDate.parse(o.toString());
    }
}
