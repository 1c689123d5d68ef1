package cn.healthcard.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.card.CardUseService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.EhcVerificationService;
import cn.healthcard.ehc.RefusalReason;
import cn.healthcard.ehc.Scene;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.VerificationRequest;
import cn.healthcard.ehc.internal.VerificationCounter;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.FilingFixtures;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingView;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.ManufacturerView;
import cn.healthcard.filing.ProductType;
import cn.healthcard.filing.ProviderType;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SAM register, binding, the freeze case and the refusals of frozen terminals against the real services and
 * database (H2), with the attacks: another region, wrong role, replayed events, malformed numbers, a second open case,
 * a cancelled SAM unfrozen.
 */
@IntegrationTest
class SamIT {

    @Autowired SamRegister register;
    @Autowired SamBindingService bindings;
    @Autowired SamCaseService cases;
    @Autowired SamBlacklistService blacklist;
    @Autowired SamStatistics statistics;
    @Autowired EhcVerificationService verifications;
    @Autowired CardUseService uses;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TerminalService terminals;
    @Autowired TestUsers users;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired cn.healthcard.workflow.CaseTasks caseTasks;
    @Autowired FilingService filingService;
    @Autowired ManufacturerService manufacturers;
    @Autowired FiledProducts filedProducts;
    @Autowired ApiClientAdministration apiClients;
    @Autowired TaskInboxService inbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired VerificationCounter counter;

    SamFixtures f;

    @BeforeEach
    void setUp() {
        f = new SamFixtures(institutions, userAdministration, terminals, users, events, tx);
    }

    private SamCardView bound(String sam, String[] hospital) {
        long version = users.as("csclerk", () -> register.get(sam)).version();
        return users.as("csclerk", () -> bindings.bind(sam, new SamBindingService.Binding(hospital[0],
                TerminalType.COUNTER_READER, hospital[1]), version));
    }

    private RefusalReason verify(String terminal) {
        var result = users.as("csclerk", () -> verifications.verify(new VerificationRequest("NOT-A-CODE", terminal,
                Scene.REGISTRATION)));
        return result.reason();
    }

    private SamCaseView approve(SamCaseView c) {
        return users.as("cssuper", () -> cases.reviewCase(c.caseNo(), Review.approve()));
    }

    @Test
    @DisplayName("SAM-02 SAM-03 made and arrived events register and move SAMs; a replay changes nothing")
    void registerAndReplay() {
        List<String> sams = f.samsAt(f.changsha, 2);
        SamCardView first = users.as("csclerk", () -> register.get(sams.get(0)));
        assertThat(first.placeCode()).isEqualTo(f.changsha);
        assertThat(first.status()).isEqualTo(SamStatus.IN_STOCK);
        SamPage page = users.as("csclerk", () -> register.query(new SamQuery(null, SamStatus.IN_STOCK, f.changsha,
                null), 0, 50));
        assertThat(page.items()).extracting(SamCardView::samNo).contains(sams.get(0), sams.get(1));
        // replay both events: no change, same version
        String batch = "SB-REPLAY-" + SamFixtures.RUN;
        List<String> more = List.of("RP" + SamFixtures.RUN + "0000001");
        f.publish(new SamCardsMade(batch, "SAMMAKER01", f.province, more));
        f.publish(new SamCardsArrived("SS-R-" + SamFixtures.RUN, f.changsha, more));
        long version = users.as("csclerk", () -> register.get(more.get(0))).version();
        f.publish(new SamCardsMade(batch, "SAMMAKER01", f.province, more));
        f.publish(new SamCardsArrived("SS-R-" + SamFixtures.RUN, f.changsha, more));
        assertThat(users.as("csclerk", () -> register.get(more.get(0))).version()).isEqualTo(version);
        // the same batch replayed with another maker or for another centre is refused, not ignored
        assertThatThrownBy(() -> f.publish(new SamCardsMade(batch, "SAMMAKER02", f.province, more)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_EXISTS"));
        assertThatThrownBy(() -> f.publish(new SamCardsMade(batch, "SAMMAKER01", f.changsha, more)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_EXISTS"));
    }

    @Test
    @DisplayName("SAM-03 an older shipment replayed after a newer one does not move the SAM back; a cancelled or bound SAM does not arrive elsewhere (409)")
    void arrivalReplayAndRefusals() {
        String[] hospital = f.hospitalWithTerminal("430102");
        List<String> sams = f.samsAt(f.changsha, 2);
        String first = "SS-1-" + SamFixtures.RUN + "-" + sams.get(0);
        f.publish(new SamCardsArrived(first, f.changsha, List.of(sams.get(0))));
        f.publish(new SamCardsArrived("SS-2-" + sams.get(0), hospital[0], List.of(sams.get(0))));
        SamCardView atHospital = users.as("csclerk", () -> register.get(sams.get(0)));
        f.publish(new SamCardsArrived(first, f.changsha, List.of(sams.get(0))));
        SamCardView after = users.as("csclerk", () -> register.get(sams.get(0)));
        assertThat(after.placeCode()).isEqualTo(hospital[0]);
        assertThat(after.version()).isEqualTo(atHospital.version());
        // bound at the hospital: it cannot arrive at the centre until it is unbound
        SamCardView b = bound(sams.get(0), hospital);
        assertThatThrownBy(() -> f.publish(new SamCardsArrived("SS-3-" + sams.get(0), f.changsha,
                List.of(sams.get(0))))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_BOUND"));
        assertThat(users.as("csclerk", () -> register.get(sams.get(0))).version()).isEqualTo(b.version());
        // cancelled: it arrives nowhere any more
        approve(users.as("csclerk", () -> cases.request(new SamChangeRequest(sams.get(1), SamAction.CANCEL, null,
                "损坏", false))));
        assertThatThrownBy(() -> f.publish(new SamCardsArrived("SS-4-" + sams.get(1), hospital[0],
                List.of(sams.get(1))))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_CANCELLED"));
    }

    @Test
    @DisplayName("SAM-03 a malformed or unknown SAM number refuses the whole event, nothing is half-applied")
    void malformedEventsRefused() {
        String good = "GD" + SamFixtures.RUN + "0000002";
        assertThatThrownBy(() -> f.publish(new SamCardsMade("SB-BAD-" + SamFixtures.RUN, "SAMMAKER01", f.province,
                List.of(good, "lowercase123")))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.as("csclerk", () -> register.get(good))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.publish(new SamCardsArrived("SS-BAD", f.changsha, List.of(good))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("SAM-02 ORG-05 a 33-character or lowercase SAM number is 400 naming samNo; another region's SAM is 404")
    void numbersAndRegions() {
        assertThatThrownBy(() -> users.as("csclerk", () -> register.get("A".repeat(33))))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.getMessage()).contains("SAM卡号"));
        assertThatThrownBy(() -> users.as("csclerk", () -> register.get("abcdefgh12")))
                .isInstanceOf(DomainValidationException.class);
        String sam = f.samsAt(f.changsha, 1).get(0);
        assertThatThrownBy(() -> users.as("zzclerk", () -> register.get(sam))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("zzclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.LOST, "丢失", false)))).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("SAM-02 binding: wrong role 403, a terminal of another institution or region 400, a SAM not yet arrived 409, a disabled terminal 409, a second SAM on a terminal 409; unbind and rebind are recorded")
    void binding() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String[] other = f.hospitalWithTerminal("430102");
        String[] zhuzhou = f.hospitalWithTerminal("430202");
        List<String> sams = f.samsAt(f.changsha, 2);
        String sam = sams.get(0);
        assertThatThrownBy(() -> users.as("cssuper", () -> bindings.bind(sam, new SamBindingService.Binding(
                hospital[0], TerminalType.COUNTER_READER, hospital[1]), null))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("csclerk", () -> bindings.bind(sam, new SamBindingService.Binding(
                hospital[0], TerminalType.COUNTER_READER, other[1]), null)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations()).extracting("field").contains("terminalNo"));
        assertThatThrownBy(() -> users.as("csclerk", () -> bindings.bind(sam, new SamBindingService.Binding(
                zhuzhou[0], TerminalType.COUNTER_READER, zhuzhou[1]), null)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations()).extracting("field").contains("institutionCode"));
        String madeOnly = "MO" + SamFixtures.RUN + "0000003";
        f.publish(new SamCardsMade("SB-MO-" + SamFixtures.RUN, "SAMMAKER01", f.changsha, List.of(madeOnly)));
        assertThatThrownBy(() -> bound(madeOnly, hospital)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_NOT_ARRIVED"));
        String[] disabled = f.hospitalWithTerminal("430102");
        users.run("admin", () -> terminals.changeState(disabled[1], cn.healthcard.ehc.TerminalState.DISABLED));
        assertThatThrownBy(() -> bound(sam, disabled)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("TERMINAL_DISABLED"));
        SamCardView b = bound(sam, hospital);
        assertThat(b.status()).isEqualTo(SamStatus.BOUND);
        assertThatThrownBy(() -> bound(sams.get(1), hospital)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("TERMINAL_HAS_SAM"));
        SamCardView moved = users.as("csclerk", () -> bindings.rebind(sam, new SamBindingService.Binding(other[0],
                TerminalType.SELF_SERVICE, other[1]), "换到自助机", b.version()));
        assertThatThrownBy(() -> users.as("csclerk", () -> bindings.unbind(sam, "旧版本", b.version())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("STALE_VERSION"));
        users.as("csclerk", () -> bindings.unbind(sam, "终端报废", moved.version()));
        assertThat(users.as("csclerk", () -> register.bindings(sam))).extracting(SamBindingView::action)
                .containsExactly("BIND", "REBIND", "UNBIND");
    }

    @Test
    @DisplayName("SAM-04 SAM-05 BL-01 a frozen SAM's terminal is refused for e-card verification and card use (SAM_FROZEN), also afterwards for a use backdated into the frozen period; a frozen SAM cannot be unbound (409); unfrozen it is accepted again; the blacklist lists and removes it")
    void freezeRefusesTerminal() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bound(sam, hospital);
        long before = lastSeq();
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        SamCaseView c = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.SUSPECTED_MISUSE, "疑似盗用", false)));
        // the state changes only on approval
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        assertThatThrownBy(() -> users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.CANCEL,
                null, "再申请", false)))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_CASE_OPEN"));
        approve(c);
        SamCardView frozen = users.as("csclerk", () -> register.get(sam));
        assertThat(frozen.status()).isEqualTo(SamStatus.FROZEN);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        // a clerk alone cannot free the terminal of a frozen SAM by unbinding it
        assertThatThrownBy(() -> users.as("csclerk", () -> bindings.unbind(sam, "撤机", frozen.version())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_FROZEN"));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        assertThatThrownBy(() -> users.as("csclerk", () -> uses.recordUse("9999999999", new CardUseService.UseReport(
                hospital[0], hospital[1], Instant.now(), "REGISTRATION"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("SAM_FROZEN"));
        Instant whileFrozen = Instant.now();
        SamCaseView u = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.UNFREEZE, null,
                "核实无误", false)));
        approve(u);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        // SAM-05: once unfrozen, a use backdated into the frozen period is still refused, naming usedAt
        assertThatThrownBy(() -> users.as("csclerk", () -> uses.recordUse("9999999999", new CardUseService.UseReport(
                hospital[0], hospital[1], whileFrozen, "REGISTRATION"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("SAM_FROZEN");
                    assertThat(e.field()).isEqualTo("usedAt");
                });
        // a use of now passes the SAM checks (and then finds no such card)
        assertThatThrownBy(() -> users.as("csclerk", () -> uses.recordUse("9999999999", new CardUseService.UseReport(
                hospital[0], hospital[1], Instant.now(), "REGISTRATION")))).isInstanceOf(NotFoundException.class);
        var log = users.as("csclerk", () -> blacklist.changesSince(before, 100)).items().stream()
                .filter(ch -> ch.samNo().equals(sam)).toList();
        assertThat(log).extracting(SamBlacklistChange::action)
                .containsExactly(SamBlacklistChange.Action.ADDED, SamBlacklistChange.Action.REMOVED);
    }

    @Test
    @DisplayName("SAM-04 the requester cannot review her own request (403); an urgent freeze takes effect at once and a rejection unfreezes it")
    void urgentFreezeRejected() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bound(sam, hospital);
        assertThatThrownBy(() -> users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.SUSPECTED_MISUSE, "紧急", true)))).isInstanceOfSatisfying(DomainValidationException.class,
                e -> assertThat(e.violations()).extracting("field").contains("urgent"));
        SamCaseView c = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.LOST, "终端连同SAM卡丢失", true)));
        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.FROZEN);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        assertThatThrownBy(() -> users.as("csclerk", () -> cases.reviewCase(c.caseNo(), Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        users.as("cssuper", () -> cases.reviewCase(c.caseNo(), Review.reject("已找到")));
        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.BOUND);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        assertThat(users.as("csclerk", () -> cases.get(c.caseNo())).status()).isEqualTo("REJECTED");
    }

    @Test
    @DisplayName("SAM-04 cancel is final: it ends the binding, the terminal is refused SAM_CANCELLED until another SAM is bound (and stays free when that one leaves), and unfreezing a cancelled SAM is 409")
    void cancelIsFinal() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bound(sam, hospital);
        approve(users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.CANCEL, null, "损坏",
                false))));
        SamCardView card = users.as("csclerk", () -> register.get(sam));
        assertThat(card.status()).isEqualTo(SamStatus.CANCELLED);
        assertThat(card.terminalNo()).isNull();
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_CANCELLED);
        assertThatThrownBy(() -> users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.UNFREEZE,
                null, "恢复", false)))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_CANCELLED"));
        assertThatThrownBy(() -> bound(sam, hospital)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("SAM_CANCELLED"));
        // a new SAM on the terminal lifts the refusal
        SamCardView next = bound(f.samsAt(f.changsha, 1).get(0), hospital);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        // the new SAM leaves again: the terminal has no SAM and keeps today's behaviour, the old block does not return
        users.as("csclerk", () -> bindings.unbind(next.samNo(), "终端改为自助机", next.version()));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
        var stats = users.as("cssuper", () -> statistics.usage(new SamStatistics.Filter(null, null, null,
                null, null)));
        assertThat(stats.total("CANCEL")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("SAM-04 BPM-01 a request sent back is corrected and resubmitted; an urgent freeze sent back and withdrawn stays frozen until an UNFREEZE is approved")
    void returnedResubmittedAndWithdrawn() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bound(sam, hospital);
        SamCaseView c = users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.LOST, "丢失", true)));
        users.as("cssuper", () -> cases.reviewCase(c.caseNo(), Review.sendBack("请写明丢失时间地点")));
        String revise = users.as("csclerk", () -> caseTasks.requireAt(c.caseNo(),
                java.util.Set.of(SamCaseService.PROCESS_KEY), SamCaseService.REVISE_TASK, "退回修改")).taskId();
        assertThat(users.as("csclerk", () -> cases.forReviseTask(revise)).reviewComment()).contains("丢失时间");
        // still frozen while it is being corrected
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        users.as("csclerk", () -> cases.resubmit(revise, FreezeReason.LOST, "12月6日在门诊大厅丢失"));
        users.as("cssuper2", () -> cases.reviewCase(c.caseNo(), Review.sendBack("仍需补充")));
        String again = users.as("csclerk", () -> caseTasks.requireAt(c.caseNo(),
                java.util.Set.of(SamCaseService.PROCESS_KEY), SamCaseService.REVISE_TASK, "退回修改")).taskId();
        users.as("csclerk", () -> cases.withdraw(again, new cn.healthcard.workflow.Withdrawal("已找到")));
        assertThat(users.as("csclerk", () -> cases.get(c.caseNo())).status()).isEqualTo("WITHDRAWN");
        // withdrawing is no unfreeze: the lost SAM stays frozen until a second person approves an UNFREEZE
        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.FROZEN);
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.SAM_FROZEN);
        SamPage listed = users.as("csclerk", () -> blacklist.listed(sam, null, 0, 10));
        assertThat(listed.items()).extracting(SamCardView::samNo).containsExactly(sam);
        approve(users.as("csclerk", () -> cases.request(new SamChangeRequest(sam, SamAction.UNFREEZE, null,
                "已找回", false))));
        assertThat(verify(hospital[1])).isEqualTo(RefusalReason.MALFORMED);
    }

    @Test
    @DisplayName("SAM-04 BPM-01 a request corrected by a colleague still cannot be approved by its first requester (403), nor by the one who resubmitted it")
    void resubmittedKeepsRequester() {
        users.run("admin", () -> userAdministration.createIfAbsent("csboth", "demo1234", "长沙经办兼审核", f.changsha,
                java.util.Set.of(cn.healthcard.security.Role.CLERK, cn.healthcard.security.Role.SUPERVISOR), false,
                true));
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        bound(sam, hospital);
        SamCaseView c = users.as("csboth", () -> cases.request(new SamChangeRequest(sam, SamAction.FREEZE,
                FreezeReason.SUSPECTED_MISUSE, "疑似盗用", false)));
        users.as("cssuper", () -> cases.reviewCase(c.caseNo(), Review.sendBack("请写明依据")));
        String revise = users.as("csclerk", () -> caseTasks.requireAt(c.caseNo(),
                java.util.Set.of(SamCaseService.PROCESS_KEY), SamCaseService.REVISE_TASK, "退回修改")).taskId();
        users.as("csclerk", () -> cases.resubmit(revise, FreezeReason.SUSPECTED_MISUSE, "12月6日发现异常刷卡"));
        assertThat(users.as("csclerk", () -> cases.get(c.caseNo())).requestedBy()).isEqualTo("csboth");
        assertThatThrownBy(() -> users.as("csboth", () -> cases.reviewCase(c.caseNo(), Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        approve(c);
        assertThat(users.as("csclerk", () -> register.get(sam)).status()).isEqualTo(SamStatus.FROZEN);
    }

    @Test
    @DisplayName("SAM-02 FIL-01 two makers file one terminal model name: each maker's terminal is bound by its own filing number, neither is refused for the other's filing")
    void bindingChecksTheTerminalsFilingByNumber() {
        FilingFixtures.people(userAdministration, apiClients, users);
        String model = FilingFixtures.model("TW");
        String[] makers = new String[2];
        String[] filingNos = new String[2];
        for (int i = 0; i < 2; i++) {
            ManufacturerView maker = FilingFixtures.manufacturer(manufacturers, users, "同型号终端厂" + i + SamFixtures.RUN,
                    null, ProviderType.TERMINAL_PROVIDER);
            FilingView applied = users.as("natclerk", () -> filingService.submit(FilingFixtures.application(maker.id(),
                    ProductType.TERMINAL, model)));
            String task = FilingFixtures.task(inbox, users, "natsupervisor", applied.caseNo(), FilingService.REVIEW_TASK)
                    .taskId();
            FilingView filed = users.as("natsupervisor", () -> filingService.review(task,
                    Review.of(Review.Outcome.APPROVE, "予以备案")));
            makers[i] = maker.creditCode();
            filingNos[i] = filed.filingNo();
        }
        assertThat(filingNos[0]).isNotEqualTo(filingNos[1]);
        assertThat(filedProducts.findByFilingNo(ProductType.TERMINAL, filingNos[1])).get()
                .satisfies(p -> assertThat(p.manufacturerCreditCode()).isEqualTo(makers[1]));
        assertThat(filedProducts.findByFilingNo(ProductType.CHIP, filingNos[1])).isEmpty();
        List<String> sams = f.samsAt(f.changsha, 2);
        for (int i = 0; i < 2; i++) {
            String[] hospital = f.hospitalWithTerminal("430102");
            String terminal = hospital[1] + "-TW";
            String maker = makers[i];
            users.run("admin", () -> terminals.register(terminal, hospital[0], maker, model, "同名型号终端"));
            assertThat(users.as("admin", () -> terminals.registered(terminal)).orElseThrow().terminalFilingNo())
                    .isEqualTo(filingNos[i]);
            SamCardView b = bound(sams.get(i), new String[] {hospital[0], terminal});
            assertThat(b.status()).isEqualTo(SamStatus.BOUND);
        }
    }

    @Test
    @DisplayName("SAM-05 4.3.5.3 usage counts against the SAM bound to the terminal at the time of each use, across a rebind (card uses by the binding history, verifications by the SAM they were counted with), verifications split by scene; exact numbers")
    void usageCountsTheSamOfTheTime() throws Exception {
        String[] h1 = f.hospitalWithTerminal("430102");
        String[] h2 = f.hospitalWithTerminal("430102");
        List<String> sams = f.samsAt(f.changsha, 2);
        String a = sams.get(0);
        String b = sams.get(1);
        // before any SAM: neither the use nor the verification counts for a SAM
        useAt(h1, Instant.now(), "REGISTRATION");
        verifyAt(h1[1], Scene.REGISTRATION);
        Thread.sleep(30);
        SamCardView boundA = bound(a, h1);
        Thread.sleep(30);
        Instant whileA = Instant.now();
        useAt(h1, whileA, "REGISTRATION");
        useAt(h1, whileA, "REGISTRATION");
        verifyAt(h1[1], Scene.REGISTRATION);
        verifyAt(h1[1], Scene.REGISTRATION);
        verifyAt(h1[1], Scene.PHARMACY);
        Thread.sleep(30);
        // A moves to the other hospital's terminal, B takes A's old terminal
        users.as("csclerk", () -> bindings.rebind(a, new SamBindingService.Binding(h2[0], TerminalType.SELF_SERVICE,
                h2[1]), "换到自助机", boundA.version()));
        bound(b, h1);
        Thread.sleep(30);
        Instant afterRebind = Instant.now();
        useAt(h1, afterRebind, "REGISTRATION");
        useAt(h1, whileA, "REGISTRATION"); // reported late: still A's, the SAM on the terminal when it happened
        useAt(h2, afterRebind, "REGISTRATION");
        verifyAt(h1[1], Scene.REGISTRATION);
        verifyAt(h2[1], Scene.REGISTRATION);
        counter.flush();
        assertThat(jdbc.queryForList("SELECT terminal_id, scene, sam_no, verifications FROM ehc_verification_count"
                        + " WHERE terminal_id IN (?, ?) AND outcome = 'MALFORMED'", h1[1], h2[1]).stream()
                .map(r -> r.get("TERMINAL_ID") + "/" + r.get("SCENE") + "/" + r.get("SAM_NO") + "=" + r.get(
                        "VERIFICATIONS")).toList())
                .containsExactlyInAnyOrder(h1[1] + "/REGISTRATION/-=1", h1[1] + "/REGISTRATION/" + a + "=2",
                        h1[1] + "/PHARMACY/" + a + "=1", h1[1] + "/REGISTRATION/" + b + "=1",
                        h2[1] + "/REGISTRATION/" + a + "=1");
        // the supervision counts verifications that went through; a valid e-card code needs the e-card tests' key
        // ceremony, so these counter rows are taken as verified
        jdbc.update("UPDATE ehc_verification_count SET outcome = 'VERIFIED' WHERE terminal_id IN (?, ?)", h1[1],
                h2[1]);
        assertThat(usage(h1[0])).containsExactlyInAnyOrder(
                new SamUsageStats.Row(h1[0], a, "USE:REGISTRATION", 3),
                new SamUsageStats.Row(h1[0], b, "USE:REGISTRATION", 1),
                new SamUsageStats.Row(h1[0], a, "EHC_VERIFICATION:REGISTRATION", 2),
                new SamUsageStats.Row(h1[0], a, "EHC_VERIFICATION:PHARMACY", 1),
                new SamUsageStats.Row(h1[0], b, "EHC_VERIFICATION:REGISTRATION", 1));
        assertThat(usage(h2[0])).containsExactlyInAnyOrder(
                new SamUsageStats.Row(h2[0], a, "USE:REGISTRATION", 1),
                new SamUsageStats.Row(h2[0], a, "EHC_VERIFICATION:REGISTRATION", 1));
        // a scene filters both: card uses of that scenario and verifications of that scene
        assertThat(users.as("cssuper", () -> statistics.usage(new SamStatistics.Filter(null, null, null, h1[0],
                "PHARMACY"))).rows()).containsExactly(new SamUsageStats.Row(h1[0], a, "EHC_VERIFICATION:PHARMACY", 1));
        assertThat(users.as("cssuper", () -> statistics.usage(new SamStatistics.Filter(null, null, null, h1[0],
                "EHC_VERIFICATION"))).total("EHC_VERIFICATION")).isEqualTo(4);
        // a code that is neither a card-use scenario nor an e-card scene is refused, naming the field
        assertThatThrownBy(() -> users.as("cssuper", () -> statistics.usage(new SamStatistics.Filter(null, null, null,
                h1[0], "DENTAL")))).isInstanceOfSatisfying(DomainValidationException.class,
                e -> assertThat(e.violations()).extracting("field").containsExactly("scenario"));
        assertThat(SamStatistics.USE_SCENARIOS).isEqualTo(CardUseService.SCENARIOS);
    }

    private List<SamUsageStats.Row> usage(String institution) {
        return users.as("cssuper", () -> statistics.usage(new SamStatistics.Filter(null, null, null, institution,
                null))).rows();
    }

    private void useAt(String[] hospital, Instant at, String scenario) {
        jdbc.update("INSERT INTO card_use (card_no, temporary, institution_code, terminal_id, scenario, used_at, "
                + "recorded_by, recorded_at) VALUES ('9999999999', FALSE, ?, ?, ?, ?, 'test', ?)", hospital[0],
                hospital[1], scenario, LocalDateTime.ofInstant(at, ZoneOffset.UTC),
                LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private void verifyAt(String terminal, Scene scene) {
        users.as("csclerk", () -> verifications.verify(new VerificationRequest("NOT-A-CODE", terminal, scene)));
    }

    private long lastSeq() {
        long since = 0;
        SamBlacklistChanges page;
        do {
            long s = since;
            page = users.as("csclerk", () -> blacklist.changesSince(s, 5000));
            since = page.nextSince();
        } while (page.hasMore());
        return since;
    }
}
