package cn.healthcard.lifecycle;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardHistoryEntry;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardUseService;
import cn.healthcard.card.TemporaryCardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The card lifecycle requests end to end through their services and processes, on H2. */
@IntegrationTest
class CardLifecycleIT {

    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired CardUseService uses;
    @Autowired TemporaryCardService temporaryCards;
    @Autowired ResidentService residents;
    @Autowired AuditLog auditLog;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired TestUsers users;
    @Autowired cn.healthcard.card.BlacklistService blacklist;
    @Autowired TerminalService terminals;
    @Autowired InstitutionService institutions;

    CardApplicationScenarios issuing;
    CardRequestScenarios scenario;

    @BeforeEach
    void useTerminal() {
        EhcTestSupport.terminal(terminals, institutions, users, USE.terminalId());
    }

    @BeforeEach
    void setUp() {
        issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        scenario = new CardRequestScenarios(requests, inbox, users);
    }

    private String issuedCard(ResidentData holder) {
        return issuing.issue(holder).cardNo();
    }

    private CardStatus status(String cardNo) {
        return users.as("clerk", () -> cards.find(cardNo)).orElseThrow().status();
    }

    /** A use at the registered terminal of the test hospital (uses come from registered terminals only). */
    private static final CardUseService.UseReport USE = new CardUseService.UseReport(EhcTestSupport.HOSPITAL,
            "IT-USE-01", null, "CONSULTATION");

    @Test
    @DisplayName("LC-01 LC-02 LC-08 BL-01 APP-13 loss report then unloss, each reviewed; while lost every use is refused; the history replays in order")
    void lossReportAndUnloss() {
        ResidentData holder = TestResidents.newResident("挂失甲");
        String cardNo = issuedCard(holder);
        assertThat(users.as("clerk", () -> uses.recordUse(cardNo, USE))).isPositive();

        var loss = scenario.approved(RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "钱包被盗",
                "lossDate", LocalDate.now().minusDays(1)));
        assertThat(scenario.awaitStatus(loss.requestId(), RequestStatus.COMPLETED).cardStatus())
                .isEqualTo(CardStatus.REPORTED_LOST);
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(cardNo, USE)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已挂失");
        assertThat(users.as("supervisor", () -> blacklist.reasonCardListed(cardNo))).isPresent();
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.REPLACEMENT, form(cardNo, holder,
                "replacementReason", "DAMAGED", "oldCardReturned", true, "feeAmount", "20")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("挂失期间只能办理丢失补领");

        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.UNLOSS, form(cardNo, holder,
                "unlossReason", "已找回")))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().get(0).field()).isEqualTo("cardPresented");
        var unloss = scenario.approved(RequestType.UNLOSS, form(cardNo, holder, "unlossReason", "已找回",
                "cardPresented", true));
        assertThat(scenario.awaitStatus(unloss.requestId(), RequestStatus.COMPLETED).cardStatus())
                .isEqualTo(CardStatus.ACTIVE);
        assertThat(users.as("clerk", () -> uses.recordUse(cardNo, USE))).isPositive();
        assertThat(users.as("supervisor", () -> blacklist.reasonCardListed(cardNo))).isEmpty();

        List<CardHistoryEntry> history = users.as("auditor", () -> cards.history(cardNo));
        assertThat(history).extracting(CardHistoryEntry::to)
                .containsExactly(CardStatus.READY, CardStatus.ACTIVE, CardStatus.REPORTED_LOST, CardStatus.ACTIVE);
        CardHistoryEntry lost = history.get(2);
        assertThat(lost.reason()).isEqualTo("钱包被盗");
        assertThat(lost.requestId()).isEqualTo(loss.requestId());
        assertThat(lost.requestedBy()).isEqualTo("clerk");
        assertThat(lost.approvedBy()).isEqualTo("supervisor");
        assertThat(lost.institutionCode()).isEqualTo("BJ-110105");
    }

    @Test
    @DisplayName("LC-02 LC-03 illegal requests are refused with a specific message before anything starts")
    void illegalRequests() {
        ResidentData holder = TestResidents.newResident("非法乙");
        String cardNo = issuedCard(holder);
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.UNLOSS, form(cardNo, holder,
                "unlossReason", "x", "cardPresented", true)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("未挂失，不能解挂");
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.UNLOCK, form(cardNo, holder,
                "lockReason", "x", "lockDate", LocalDate.now(), "cardPresented", true)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("未被密码锁定");
        ResidentData stranger = TestResidents.newResident("路人");
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, stranger,
                "lossReason", "冒名")))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::message).toList())
                .asList().contains("所出示的证件与该卡持卡人不符");
        assertThat(status(cardNo)).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    @DisplayName("LC-03 a terminal reports a PIN lock; the unlock request (lock date and reason, card presented) makes the card active again")
    void pinLockAndUnlock() {
        ResidentData holder = TestResidents.newResident("锁定丙");
        String cardNo = issuedCard(holder);
        users.as("clerk", () -> cards.reportPinLock(cardNo, "T-09"));
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(cardNo, USE))).hasMessageContaining("密码已锁定");
        var unlock = scenario.approved(RequestType.UNLOCK, form(cardNo, holder, "lockReason", "多次输错密码",
                "lockDate", LocalDate.now(), "cardPresented", true));
        assertThat(scenario.awaitStatus(unlock.requestId(), RequestStatus.COMPLETED).cardStatus())
                .isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    @DisplayName("LC-06 BL-01 cancellation is irreversible: afterwards every request and every use is refused")
    void cancellationIsFinal() {
        ResidentData holder = TestResidents.newResident("注销丁");
        String cardNo = issuedCard(holder);
        var cancel = scenario.approved(RequestType.CANCELLATION, form(cardNo, holder, "cancellationReason", "不再使用",
                "cardReturned", true));
        assertThat(scenario.awaitStatus(cancel.requestId(), RequestStatus.COMPLETED).cardStatus())
                .isEqualTo(CardStatus.CANCELLED);
        for (RequestType type : RequestType.values()) {
            assertThatThrownBy(() -> scenario.submit("clerk", type, form(cardNo, holder, "lossReason", "x",
                    "unlossReason", "x", "lockReason", "x", "lockDate", LocalDate.now(), "cardPresented", true,
                    "replacementReason", "LOST", "feeAmount", "20", "cancellationReason", "x")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("无法通过任何方式重新启用");
        }
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(cardNo, USE))).hasMessageContaining("已注销");
        assertThat(users.as("supervisor", () -> blacklist.reasonCardListed(cardNo))).contains("卡片已注销");
        // one person one card counts live cards only: the person may apply for a new card now
        assertThat(issuing.submit("clerk", holder).status()).isEqualTo(cn.healthcard.issuance.ApplicationStatus.SUBMITTED);
    }

    @Test
    @DisplayName("LC-08 a request sent back is corrected by the clerk; a rejected request changes nothing and frees the card")
    void sendBackAndReject() {
        ResidentData holder = TestResidents.newResident("退回戊");
        String cardNo = issuedCard(holder);
        String id = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "丢")).requestId();
        assertThatThrownBy(() -> scenario.submit("clerk2", RequestType.CANCELLATION, form(cardNo, holder,
                "cancellationReason", "x")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已有在办业务");
        scenario.review("supervisor", id, "RETURN", "请写明丢失经过");
        var revise = scenario.task("clerk2", id, CardRequestService.REVISE_TASK);
        users.as("clerk2", () -> requests.resubmit(revise.taskId(), form(cardNo, holder, "lossReason",
                "2026年11月在地铁上丢失")));
        scenario.review("supervisor", id, "REJECT", "本人未到场");
        assertThat(scenario.awaitStatus(id, RequestStatus.REJECTED).cardStatus()).isEqualTo(CardStatus.ACTIVE);
        var again = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "再次申请"));
        assertThat(again.status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    @DisplayName("LC-08 LC-01 a sent-back request the clerk withdraws ends, releases the card lock (a new request can be filed) and is audited")
    void sendBackAndWithdraw() {
        ResidentData holder = TestResidents.newResident("撤回庚");
        String cardNo = issuedCard(holder);
        String id = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "丢")).requestId();
        var review = scenario.task("supervisor", id, CardRequestService.REVIEW_TASK);
        // the task guard: an unknown task or one the caller may not see (the supervisors' review) is a 404 ...
        assertThatThrownBy(() -> users.as("clerk", () -> requests.withdraw(review.taskId(), new Withdrawal("x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> requests.withdraw("no-such-task", new Withdrawal("x"))))
                .isInstanceOf(NotFoundException.class);
        scenario.review("supervisor", id, "RETURN", "请写明丢失经过");
        var revise = scenario.task("clerk2", id, CardRequestService.REVISE_TASK);
        // ... and a visible task of another step a 409 WRONG_TASK
        assertThatThrownBy(() -> users.as("clerk2", () -> requests.registerReplacementPickup(revise.taskId(),
                true, true, true))).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(CaseTasks.WRONG_TASK));
        assertThatThrownBy(() -> users.as("clerk2", () -> requests.withdraw(revise.taskId(), new Withdrawal(" "))))
                .isInstanceOf(DomainValidationException.class);

        var withdrawn = users.as("clerk2", () -> requests.withdraw(revise.taskId(), new Withdrawal("申请人找到了卡片")));

        assertThat(withdrawn.status()).isEqualTo(RequestStatus.WITHDRAWN);
        assertThat(withdrawn.currentSteps()).isEmpty();
        assertThat(withdrawn.cardStatus()).isEqualTo(CardStatus.ACTIVE);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(users.as("auditor", () -> auditLog.about("CardRequest", id)))
                .filteredOn(e -> e.eventType().equals("CardRequestWithdrawn")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("clerk2");
                    assertThat(e.detail()).contains("申请人找到了卡片").contains(cardNo);
                });
        // the lock is released: a new request on the card is accepted
        var again = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason", "又丢了"));
        assertThat(again.status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    @DisplayName("LC-04 LC-05 replacement for loss with a temporary card: the temporary card works meanwhile, must be handed back, the old card is cancelled, the resident changes are applied")
    void replacementWithTemporaryCard() {
        ResidentData holder = TestResidents.newResident("补换己");
        String oldCard = issuedCard(holder);
        scenario.awaitStatus(scenario.approved(RequestType.LOSS_REPORT, form(oldCard, holder, "lossReason", "遗失"))
                .requestId(), RequestStatus.COMPLETED);

        var request = scenario.approved(RequestType.REPLACEMENT, form(oldCard, holder, "replacementReason", "LOST",
                "changes", List.of(Map.of("item", "address", "newValue", "北京市朝阳区新址8号", "reason", "搬家")),
                "feeAmount", "25", "feeReceiptNo", "P-001", "temporaryCardRequested", true));
        String temporary = request.temporaryCardNo();
        assertThat(temporary).startsWith("LS");
        assertThat(users.as("clerk", () -> uses.recordUse(temporary, USE))).isPositive();
        var pickup = scenario.task("clerk", request.requestId(), CardRequestService.REPLACEMENT_PICKUP_TASK);
        String newCard = users.as("clerk", () -> requests.get(request.requestId())).newCardNo();
        assertThat(status(newCard)).isEqualTo(CardStatus.READY);

        assertThatThrownBy(() -> users.as("clerk", () -> requests.registerReplacementPickup(pickup.taskId(), true, false, false)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("临时卡");
        users.as("clerk", () -> requests.registerReplacementPickup(pickup.taskId(), true, true, false));

        var done = scenario.awaitStatus(request.requestId(), RequestStatus.COMPLETED);
        assertThat(status(newCard)).isEqualTo(CardStatus.ACTIVE);
        assertThat(status(oldCard)).isEqualTo(CardStatus.REPLACED);
        assertThat(temporaryCards.find(temporary).orElseThrow().status()).isEqualTo("RETURNED");
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(temporary, USE))).hasMessageContaining("已交回");
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(oldCard, USE))).hasMessageContaining("已注销");
        assertThat(users.as("clerk", () -> uses.recordUse(newCard, USE))).isPositive();
        String residentId = users.as("clerk", () -> cards.find(newCard)).orElseThrow().residentId();
        assertThat(users.as("clerk", () -> residents.details(residentId, "测试")).address()).isEqualTo("北京市朝阳区新址8号");
        assertThat(done.cardStatus()).isEqualTo(CardStatus.REPLACED);
    }

    @Test
    @DisplayName("LC-04 APP-03 APP-06 replacement changes are validated when the request is accepted; a blacklisted holder gets no new card")
    void replacementRefusals() {
        ResidentData holder = TestResidents.newResident("变更癸");
        String cardNo = issuedCard(holder);
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.REPLACEMENT, form(cardNo, holder,
                "replacementReason", "INFO_CHANGE", "oldCardReturned", true, "feeAmount", "20",
                "changes", List.of(Map.of("item", "sex", "newValue", "2", "reason", "登记错误")))))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().get(0).message()).asString()
                .contains("变更后").contains("性别");
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.REPLACEMENT, form(cardNo, holder,
                "replacementReason", "INFO_CHANGE", "oldCardReturned", true, "feeAmount", "20",
                "changes", List.of(Map.of("item", "birthDate", "newValue", "not a date")))))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("出生日期");
        cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> blacklist.addResident(
                residents.documentIndex("01", holder.documentNumber()), "骗保"));
        assertThatThrownBy(() -> scenario.submit("clerk", RequestType.REPLACEMENT, form(cardNo, holder,
                "replacementReason", "DAMAGED", "oldCardReturned", true, "feeAmount", "20")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("黑名单");
    }

    @Test
    @DisplayName("LC-05 the temporary card expires by the process timer and is refused afterwards")
    void temporaryCardExpires() {
        ResidentData holder = TestResidents.newResident("临时庚");
        String oldCard = issuedCard(holder);
        var request = scenario.approved(RequestType.REPLACEMENT, form(oldCard, holder, "replacementReason", "DAMAGED",
                "oldCardReturned", true, "feeAmount", "25", "temporaryCardRequested", true));
        String temporary = request.temporaryCardNo();
        // let the job executor finish ordering the new card first: running the timer meanwhile would race with it
        scenario.task("clerk", request.requestId(), CardRequestService.REPLACEMENT_PICKUP_TASK);
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.requestId())
                .singleResult().getId();
        var timer = management.createJobQuery().processInstanceId(processInstanceId).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isAfter(Instant.now().plusSeconds(86400 * 29L));
        management.executeJob(timer.getId());
        assertThat(temporaryCards.find(temporary).orElseThrow().status()).isEqualTo("EXPIRED");
        assertThatThrownBy(() -> users.as("clerk", () -> uses.recordUse(temporary, USE))).hasMessageContaining("已过有效期");
    }

    @Test
    @DisplayName("LC-07 completed loss reports, replacements and cancellations are counted per region for supervisors")
    void counts() {
        ResidentData holder = TestResidents.newResident("统计辛");
        String cardNo = issuedCard(holder);
        scenario.awaitStatus(scenario.approved(RequestType.CANCELLATION, form(cardNo, holder,
                "cancellationReason", "统计")).requestId(), RequestStatus.COMPLETED);
        var rows = users.as("supervisor", () -> new CardRequestStatisticsProbe(statistics).today());
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.regionCode()).isEqualTo("110105");
            assertThat(r.regionName()).isEqualTo("北京市朝阳区");
            assertThat(r.counts().get(RequestType.CANCELLATION)).isPositive();
        });
        assertThat(users.as("shsupervisor", () -> new CardRequestStatisticsProbe(statistics).today()))
                .noneMatch(r -> r.regionCode().startsWith("11"));
    }

    @Autowired CardRequestStatistics statistics;

    private record CardRequestStatisticsProbe(CardRequestStatistics statistics) {
        List<CardRequestStatistics.RegionCounts> today() {
            return statistics.completedBetween(LocalDate.now().minusDays(1), LocalDate.now().plusDays(1));
        }
    }

    @Test
    @DisplayName("APP-13 SEC-03 every card change is audited as well as recorded in the card history")
    void audited() {
        ResidentData holder = TestResidents.newResident("审计壬");
        String cardNo = issuedCard(holder);
        users.as("clerk", () -> cards.reportPinLock(cardNo, "T-1"));
        assertThat(users.as("auditor", () -> auditLog.about("Card", cardNo))).extracting(AuditLog.Entry::detail)
                .containsExactly("— → READY", "READY → ACTIVE", "ACTIVE → PIN_LOCKED");
        assertThat(CardAction.PIN_LOCK.nameZh()).isEqualTo("密码锁定");
    }

    @Test
    @DisplayName("SUP-03 SEC-01 SAM-05 card uses come only from registered, active terminals of the named institution, never from the future nor backdated beyond 10 minutes")
    void usesFromRegisteredTerminalsOnly() {
        ResidentData holder = TestResidents.newResident("终端丙");
        String cardNo = issuedCard(holder);
        assertThat(useViolations(cardNo, new CardUseService.UseReport(EhcTestSupport.HOSPITAL, "NOT-REGISTERED", null,
                "CONSULTATION"))).containsExactly("terminalId");
        assertThat(useViolations(cardNo, new CardUseService.UseReport("BJ-110105", USE.terminalId(), null,
                "CONSULTATION"))).containsExactly("institutionCode");
        assertThat(useViolations(cardNo, new CardUseService.UseReport(EhcTestSupport.HOSPITAL, USE.terminalId(),
                java.time.Instant.now().plusSeconds(3600), "CONSULTATION"))).containsExactly("usedAt");
        // SAM-05: a use is reported when it happens, not hours later (decision 030)
        assertThat(useViolations(cardNo, new CardUseService.UseReport(EhcTestSupport.HOSPITAL, USE.terminalId(),
                java.time.Instant.now().minusSeconds(3600), "CONSULTATION"))).containsExactly("usedAt");
        assertThat(useViolations(cardNo, new CardUseService.UseReport(EhcTestSupport.HOSPITAL, "T".repeat(65), null,
                "CONSULTATION"))).containsExactly("terminalId");
        assertThat(users.as("clerk", () -> uses.recordUse(cardNo, USE))).isPositive();
    }

    private List<String> useViolations(String cardNo, CardUseService.UseReport report) {
        try {
            users.as("clerk", () -> uses.recordUse(cardNo, report));
        } catch (DomainValidationException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("the use was accepted: " + report);
    }
}
