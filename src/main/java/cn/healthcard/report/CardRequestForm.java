package cn.healthcard.report;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The data printed on a card lifecycle application form (LC-01 … LC-04, LC-06): 挂失申请单 (附表1), 解挂申请单 (附表2),
 * 解锁申请单 (附表3), 补领申请单 (附表4) and 注销申请单. Which fields are required depends on {@code requestType}
 * (see {@link #CardRequestForm the constructor}); the others may be {@code null} and are printed blank. Personal
 * document numbers arrive already masked and are printed as given.
 *
 * @param requestType            {@value #LOSS_REPORT}, {@value #UNLOSS}, {@value #UNLOCK}, {@value #REPLACEMENT} or
 *                               {@value #CANCELLATION}; chooses the template
 * @param requestId              the request's number (申请编号), printed in the footer
 * @param residentName           the card holder's name
 * @param applicationDate        the day of the application (申请日期)
 * @param cardNo                 the health card number (健康卡卡号; 原卡编号 on the replacement form)
 * @param phone                  the holder's telephone number; optional, printed blank when absent
 * @param documentTypeName       the holder's document type as printed, e.g. 居民身份证
 * @param documentNumberMasked   the holder's document number, masked (a complete resident ID number is refused)
 * @param lossDate               the day the card was reported lost (挂失日期; {@value #UNLOSS})
 * @param lossReason             why the card was reported lost (挂失原因; {@value #LOSS_REPORT}, {@value #UNLOSS})
 * @param unlossReason           why the loss report is withdrawn (解挂原因; {@value #UNLOSS})
 * @param lockDate               the day the PIN was locked (密码锁定日期; {@value #UNLOCK})
 * @param lockReason             why the PIN was locked (密码锁定原因; {@value #UNLOCK})
 * @param replacementReason      {@value #LOST}, {@value #DAMAGED}, {@value #INFO_CHANGE} or {@value #OTHER} (补领原因;
 *                               {@value #REPLACEMENT})
 * @param otherReason            the reason in words when {@code replacementReason} is {@value #OTHER}
 * @param changes                the changed personal data (变更条目; {@value #REPLACEMENT}, at least one for
 *                               {@value #INFO_CHANGE}); {@code null} means none
 * @param feeAmount              the replacement fee in yuan, e.g. {@code 20.00} (费用; {@value #REPLACEMENT})
 * @param feeReceiptNo           the fee receipt's number; optional, printed blank when absent
 * @param temporaryCardRequested whether a temporary card is requested (是否申领临时卡; {@value #REPLACEMENT})
 * @param cardReturned           whether the old card was handed back, in words, e.g. 已交回 or 未交回（丢失）
 *                               (原卡交回情况 / 卡片交回情况; {@value #REPLACEMENT}, {@value #CANCELLATION})
 * @param cancellationReason     why the card is cancelled (注销原因; {@value #CANCELLATION})
 * @param reviewDecision         {@value #APPROVED}, {@value #RETURNED} or {@value #REJECTED}; {@code null} while not
 *                               reviewed, when the whole 审核 section is printed empty to be filled by hand
 * @param reviewComment          the reviewer's comment (审核意见); optional
 * @param reviewerName           the reviewer (审核人); required with a decision
 * @param reviewDate             the day of the review (审核日期); required with a decision
 * @param clerkName              the clerk who accepted the request (经办人)
 */
public record CardRequestForm(String requestType, String requestId, String residentName, LocalDate applicationDate,
                              String cardNo, String phone, String documentTypeName, String documentNumberMasked,
                              LocalDate lossDate, String lossReason, String unlossReason, LocalDate lockDate,
                              String lockReason, String replacementReason, String otherReason, List<Change> changes,
                              String feeAmount, String feeReceiptNo, Boolean temporaryCardRequested,
                              String cardReturned, String cancellationReason, String reviewDecision,
                              String reviewComment, String reviewerName, LocalDate reviewDate, String clerkName) {

    /** Request type: loss report (挂失, LC-01, 附表1). */
    public static final String LOSS_REPORT = "LOSS_REPORT";
    /** Request type: withdrawal of a loss report (解挂, LC-02, 附表2). */
    public static final String UNLOSS = "UNLOSS";
    /** Request type: unlocking a PIN-locked card (解锁, LC-03, 附表3). */
    public static final String UNLOCK = "UNLOCK";
    /** Request type: replacement card (补领, LC-04, 附表4). */
    public static final String REPLACEMENT = "REPLACEMENT";
    /** Request type: cancellation (注销, LC-06). */
    public static final String CANCELLATION = "CANCELLATION";

    /** Replacement reason: the card is lost (1 丢失). */
    public static final String LOST = "LOST";
    /** Replacement reason: the card is damaged (2 损坏). */
    public static final String DAMAGED = "DAMAGED";
    /** Replacement reason: personal data changed (3 信息变更). */
    public static final String INFO_CHANGE = "INFO_CHANGE";
    /** Replacement reason: another reason, given in {@code otherReason} (4 其他). */
    public static final String OTHER = "OTHER";

    /** Review decision: approved. */
    public static final String APPROVED = "通过";
    /** Review decision: returned to the applicant for correction. */
    public static final String RETURNED = "退回修改";
    /** Review decision: rejected. */
    public static final String REJECTED = "不予通过";

    /** The template of each request type in {@code reports/}. */
    private static final Map<String, String> TEMPLATES = Map.of(
            LOSS_REPORT, "loss-report-form",
            UNLOSS, "unloss-form",
            UNLOCK, "unlock-form",
            REPLACEMENT, "replacement-form",
            CANCELLATION, "cancellation-form");

    /** The printed name of each request type. */
    private static final Map<String, String> NAMES = Map.of(
            LOSS_REPORT, "挂失", UNLOSS, "解挂", UNLOCK, "解锁", REPLACEMENT, "补领", CANCELLATION, "注销");

    private static final List<String> REPLACEMENT_REASONS = List.of(LOST, DAMAGED, INFO_CHANGE, OTHER);
    private static final List<String> DECISIONS = List.of(APPROVED, RETURNED, REJECTED);
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");
    private static final Pattern FULL_RESIDENT_ID = Pattern.compile("\\d{17}[\\dXx]");
    /** Printed after 4 其他 when no other reason is given: a line to write one on. */
    private static final String WRITE_IN = "__________";

    /**
     * One changed item of personal data on the replacement form (变更条目).
     *
     * @param item     what changed (条目名称), e.g. 姓名; required
     * @param oldValue the content before (原内容)
     * @param newValue the content after (变更后内容)
     * @param reason   why it changed (变更原因)
     */
    public record Change(String item, String oldValue, String newValue, String reason) {

        public Change {
            if (item == null || item.isBlank()) {
                throw new IllegalArgumentException("Change needs item (条目名称)");
            }
        }

        /** The values of one row of the change table: {@code item}, {@code oldValue}, {@code newValue}, {@code reason}. */
        public Map<String, String> toValues() {
            return Map.of("item", item, "oldValue", text(oldValue), "newValue", text(newValue), "reason", text(reason));
        }
    }

    /**
     * Checks the fields the request type needs.
     * Always: {@code requestType}, {@code requestId}, {@code residentName}, {@code applicationDate}, {@code cardNo},
     * {@code documentTypeName}, {@code documentNumberMasked}, {@code clerkName}; and for
     * {@value #LOSS_REPORT} {@code lossReason};
     * {@value #UNLOSS} {@code lossDate}, {@code lossReason}, {@code unlossReason};
     * {@value #UNLOCK} {@code lockDate}, {@code lockReason};
     * {@value #REPLACEMENT} {@code replacementReason}, {@code otherReason} (for {@value #OTHER}), {@code changes}
     * (for {@value #INFO_CHANGE}), {@code feeAmount}, {@code temporaryCardRequested}, {@code cardReturned};
     * {@value #CANCELLATION} {@code cancellationReason}, {@code cardReturned};
     * with a {@code reviewDecision} also {@code reviewerName} and {@code reviewDate}.
     *
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public CardRequestForm {
        if (requestType == null || !TEMPLATES.containsKey(requestType)) {
            throw new IllegalArgumentException("CardRequestForm needs requestType, one of " + TEMPLATES.keySet().stream()
                    .sorted().toList() + ", not " + requestType);
        }
        changes = changes == null ? List.of() : List.copyOf(changes);
        require(requestType, requestId, "requestId", "申请编号");
        require(requestType, residentName, "residentName", "姓名");
        require(requestType, applicationDate, "applicationDate", "申请日期");
        require(requestType, cardNo, "cardNo", "健康卡卡号");
        require(requestType, documentTypeName, "documentTypeName", "证件类型");
        require(requestType, documentNumberMasked, "documentNumberMasked", "证件号码");
        if (FULL_RESIDENT_ID.matcher(documentNumberMasked).matches()) {
            throw new IllegalArgumentException("CardRequestForm " + requestType
                    + ": documentNumberMasked must be masked, not a complete document number");
        }
        require(requestType, clerkName, "clerkName", "经办人");
        switch (requestType) {
            case LOSS_REPORT -> require(requestType, lossReason, "lossReason", "挂失原因");
            case UNLOSS -> {
                require(requestType, lossDate, "lossDate", "挂失日期");
                require(requestType, lossReason, "lossReason", "挂失原因");
                require(requestType, unlossReason, "unlossReason", "解挂原因");
            }
            case UNLOCK -> {
                require(requestType, lockDate, "lockDate", "密码锁定日期");
                require(requestType, lockReason, "lockReason", "密码锁定原因");
            }
            case REPLACEMENT -> {
                require(requestType, replacementReason, "replacementReason", "补领原因");
                if (!REPLACEMENT_REASONS.contains(replacementReason)) {
                    throw new IllegalArgumentException("CardRequestForm " + requestType
                            + ": replacementReason (补领原因) must be one of " + REPLACEMENT_REASONS + ", not "
                            + replacementReason);
                }
                if (OTHER.equals(replacementReason)) {
                    require(requestType, otherReason, "otherReason", "其他补领原因");
                }
                if (INFO_CHANGE.equals(replacementReason) && changes.isEmpty()) {
                    throw new IllegalArgumentException("CardRequestForm " + requestType
                            + " needs changes (变更条目) when replacementReason is " + INFO_CHANGE);
                }
                require(requestType, feeAmount, "feeAmount", "费用");
                if (!AMOUNT.matcher(feeAmount).matches()) {
                    throw new IllegalArgumentException("CardRequestForm " + requestType
                            + ": feeAmount (费用) must be an amount in yuan such as 20.00, not " + feeAmount);
                }
                require(requestType, temporaryCardRequested, "temporaryCardRequested", "是否申领临时卡");
                require(requestType, cardReturned, "cardReturned", "原卡交回情况");
            }
            default -> { // CANCELLATION
                require(requestType, cancellationReason, "cancellationReason", "注销原因");
                require(requestType, cardReturned, "cardReturned", "卡片交回情况");
            }
        }
        if (reviewDecision != null) {
            if (!DECISIONS.contains(reviewDecision)) {
                throw new IllegalArgumentException("CardRequestForm " + requestType + ": reviewDecision (审核结果) must be "
                        + "one of " + DECISIONS + " or null while not reviewed, not " + reviewDecision);
            }
            require(requestType, reviewerName, "reviewerName", "审核人");
            require(requestType, reviewDate, "reviewDate", "审核日期");
        }
    }

    /** The template in {@code reports/} for this request type, e.g. {@code loss-report-form}. */
    public String templateName() {
        return TEMPLATES.get(requestType);
    }

    /**
     * The template values: every field by its name, dates as {@code 2026年11月22日}, absent texts empty, plus
     * {@code requestTypeName} (挂失, 解挂, …). {@code otherReason} is a line to write on when absent,
     * {@code temporaryCardRequested} is 是, 否 or empty. Before a review ({@code reviewDecision == null}) the review
     * fields are empty and {@code reviewDate} is a blank 年 月 日 to be filled by hand.
     */
    public Map<String, String> toValues() {
        boolean reviewed = reviewDecision != null;
        return Map.ofEntries(
                entry("requestType", requestType),
                entry("requestTypeName", NAMES.get(requestType)),
                entry("requestId", requestId),
                entry("residentName", residentName),
                entry("applicationDate", ReportFormats.date(applicationDate)),
                entry("cardNo", cardNo),
                entry("phone", text(phone)),
                entry("documentTypeName", documentTypeName),
                entry("documentNumberMasked", documentNumberMasked),
                entry("lossDate", date(lossDate)),
                entry("lossReason", text(lossReason)),
                entry("unlossReason", text(unlossReason)),
                entry("lockDate", date(lockDate)),
                entry("lockReason", text(lockReason)),
                entry("replacementReason", text(replacementReason)),
                entry("otherReason", otherReason == null || otherReason.isBlank() ? WRITE_IN : otherReason),
                entry("feeAmount", text(feeAmount)),
                entry("feeReceiptNo", text(feeReceiptNo)),
                entry("temporaryCardRequested",
                        temporaryCardRequested == null ? "" : temporaryCardRequested ? "是" : "否"),
                entry("cardReturned", text(cardReturned)),
                entry("cancellationReason", text(cancellationReason)),
                entry("reviewDecision", reviewed ? reviewDecision : ""),
                entry("reviewComment", reviewed ? text(reviewComment) : ""),
                entry("reviewerName", reviewed ? reviewerName : ""),
                entry("reviewDate", reviewed ? ReportFormats.date(reviewDate) : ReportFormats.BLANK_DATE),
                entry("clerkName", clerkName));
    }

    /** The lists for the template's repeated rows: {@code changes}, one {@link Change#toValues()} per change. */
    public Map<String, List<Map<String, String>>> toLists() {
        return Map.of("changes", changes.stream().map(Change::toValues).toList());
    }

    private static void require(String requestType, Object value, String field, String printedName) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("CardRequestForm " + requestType + " needs " + field + " ("
                    + printedName + ")");
        }
    }

    private static String text(String value) {
        return Objects.requireNonNullElse(value, "");
    }

    private static String date(LocalDate date) {
        return date == null ? ReportFormats.BLANK_DATE : ReportFormats.date(date);
    }
}
