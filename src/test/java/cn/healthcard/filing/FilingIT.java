package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static cn.healthcard.filing.FilingFixtures.application;
import static cn.healthcard.filing.FilingFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Product filing through its services (issue #12, FIL-01..03, STAT-01): the desk and a manufacturer's client apply,
 * the national centre reviews; the catalogue, the certificate and opinion, revocation and lapse; products in use and
 * their roll-up; the attacks.
 */
@IntegrationTest
class FilingIT {

    @Autowired FilingService filings;
    @Autowired ManufacturerService manufacturers;
    @Autowired FiledProducts filed;
    @Autowired FilingDocuments documents;
    @Autowired FilingCatalogue catalogue;
    @Autowired ProductsInUse inUse;
    @Autowired FilingStatistics statistics;
    @Autowired TaskInboxService inbox;
    @Autowired UserAdministration userAdmin;
    @Autowired ApiClientAdministration clientAdmin;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    ManufacturerView chipMaker;
    ManufacturerView terminalMaker;

    @BeforeEach
    void setUp() {
        FilingFixtures.people(userAdmin, clientAdmin, users);
        chipMaker = FilingFixtures.boundManufacturer(manufacturers, users, "chipclient", "华芯微电子有限公司",
                ProviderType.CHIP_PROVIDER, ProviderType.COS_DEVELOPER);
        terminalMaker = FilingFixtures.boundManufacturer(manufacturers, users, "termclient", "康联终端科技有限公司",
                ProviderType.TERMINAL_PROVIDER);
    }

    private FilingView review(String reviewer, FilingView f, Review review) {
        String taskId = task(inbox, users, reviewer, f.caseNo(), FilingService.REVIEW_TASK).taskId();
        return users.as(reviewer, () -> filings.review(taskId, review));
    }

    private FilingView get(String user, String id) {
        return users.as(user, () -> filings.get(id));
    }

    private List<String> auditTypes(String caseNo) {
        return jdbc.queryForList("select event_type from audit_event where case_ref = ? order by id", String.class,
                caseNo);
    }

    @Test
    @DisplayName("FIL-01 FIL-02 the desk applies for a manufacturer, the national centre approves with an opinion: filing number, validity, in the catalogue; certificate and opinion print; each step audited")
    void deskApplicationApproved() throws Exception {
        String model = FilingFixtures.model("HX");
        FilingView f = users.as("natclerk", () -> filings.submit(application(chipMaker.id(), ProductType.CHIP, model)));
        assertThat(f.status()).isEqualTo(FilingStatus.IN_REVIEW);
        assertThat(f.channel()).isEqualTo(FilingChannel.DESK);
        assertThat(f.caseNo()).matches("BS\\d{8}\\d{6}");
        assertThat(f.attachments()).hasSize(2).allSatisfy(a -> assertThat(a.sm3()).hasSize(64));
        assertThat(filed.isFiled(ProductType.CHIP, chipMaker.creditCode(), model)).isFalse();

        FilingView done = review("natsupervisor", f, Review.of(Review.Outcome.APPROVE, "材料齐全，予以备案"));
        assertThat(done.status()).isEqualTo(FilingStatus.FILED);
        assertThat(done.filingNo()).matches("BA\\d{8}\\d{6}");
        assertThat(done.validFrom()).isNotNull();
        assertThat(done.validUntil()).isEqualTo(done.validFrom().plusYears(3).minusDays(1));
        assertThat(done.currentSteps()).isNotEmpty();
        assertThat(filed.isFiled(ProductType.CHIP, chipMaker.creditCode(), model.toLowerCase())).isTrue();
        assertThat(filed.requireFiled(ProductType.CHIP, chipMaker.creditCode(), model, "chipMaker", "chipModel").manufacturerName())
                .isEqualTo("华芯微电子有限公司");
        // a provincial admin sees it in the catalogue and can export it
        var page = users.as("bjadmin", () -> catalogue.query(new CatalogueFilter(ProductType.CHIP, null, model, null,
                null), 0, 10));
        assertThat(page.entries()).extracting(FilingCatalogue.Entry::filingNo).containsExactly(done.filingNo());
        String csv = new String(users.as("bjadmin", () -> catalogue.csv(new CatalogueFilter(null, null, model, null,
                null))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("备案号").contains(done.filingNo()).contains("华芯微电子有限公司");
        assertThat(users.as("bjadmin", () -> catalogue.xlsx(CatalogueFilter.all()))).startsWith('P', 'K');

        byte[] certificate = users.as("bjadmin", () -> documents.certificate(f.id()));
        byte[] opinion = users.as("natsupervisor", () -> documents.opinion(f.id()));
        assertThat(new String(certificate, 0, 5)).isEqualTo("%PDF-");
        assertThat(new String(opinion, 0, 5)).isEqualTo("%PDF-");
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/filing-certificate.pdf"), certificate);
        Files.write(Path.of("target/reports/filing-opinion.pdf"), opinion);

        assertThat(auditTypes(f.caseNo())).containsSubsequence("ProductFilingSubmitted", "ProductFilingReviewed",
                "ProductFiled");
        // the same model cannot be filed twice
        assertThatThrownBy(() -> users.as("natclerk", () -> filings.submit(application(chipMaker.id(),
                ProductType.CHIP, model)))).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(FilingService.MODEL_FILED);
        // every download of an attachment is audited with the file's hash
        AttachmentFile file = users.as("bjadmin", () -> filings.download(f.attachments().get(0).id()));
        assertThat(file.content()).isEqualTo(FilingFixtures.PDF);
        assertThat(auditTypes(f.caseNo())).contains("FilingAttachmentDownloaded");
    }

    @Test
    @DisplayName("FIL-01 a manufacturer's client applies, is sent back for completion, resubmits with a new file, and is approved; another manufacturer's client sees none of it (404)")
    void clientApplicationSentBackAndResubmitted() {
        String model = FilingFixtures.model("COS");
        FilingView f = users.as("chipclient", () -> filings.submit(application(null, ProductType.COS, model)));
        assertThat(f.channel()).isEqualTo(FilingChannel.API);
        assertThat(f.manufacturerId()).isEqualTo(chipMaker.id());

        review("natsupervisor", f, Review.sendBack("请补充最新版检测报告"));
        assertThat(get("chipclient", f.id()).status()).isEqualTo(FilingStatus.RETURNED);
        // the other manufacturer's client: as if it did not exist
        assertThatThrownBy(() -> get("termclient", f.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("termclient", () -> filings.resubmit(f.id(),
                new FilingCompletion("1.1", null, List.of())))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("termclient", () -> filings.withdraw(f.id(), new Withdrawal("不办了"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("termclient", () -> filings.download(f.attachments().get(0).id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as("termclient", () -> catalogue.query(CatalogueFilter.all(), 0, 200)).entries())
                .noneMatch(e -> e.id().equals(f.id()));
        // a provincial centre does not see applications in review
        assertThatThrownBy(() -> get("bjadmin", f.id())).isInstanceOf(NotFoundException.class);

        FilingView resubmitted = users.as("chipclient", () -> filings.resubmit(f.id(), new FilingCompletion("1.1",
                "补充检测报告", List.of(new NewAttachment(AttachmentKind.TEST_REPORT, "检测报告-v2.pdf",
                "application/pdf", FilingFixtures.PDF)))));
        assertThat(resubmitted.status()).isEqualTo(FilingStatus.IN_REVIEW);
        assertThat(resubmitted.attachments()).hasSize(3);
        // a replay of the resubmission: the case is no longer waiting for it
        assertThatThrownBy(() -> users.as("chipclient", () -> filings.resubmit(f.id(),
                new FilingCompletion("1.1", null, List.of())))).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("NOT_AT_STEP");

        FilingView done = review("natsupervisor", f, Review.of(Review.Outcome.APPROVE, "补正后符合要求"));
        assertThat(done.status()).isEqualTo(FilingStatus.FILED);
        assertThat(done.productVersion()).isEqualTo("1.1");
        assertThat(auditTypes(f.caseNo())).containsSubsequence("ProductFilingSubmitted", "ProductFilingReviewed",
                "ProductFilingResubmitted", "ProductFilingReviewed", "ProductFiled");
    }

    @Test
    @DisplayName("FIL-01 rejected with an opinion; sent back then withdrawn; the opinion is required (400) and the person who entered it at the desk may not review it")
    void rejectedAndWithdrawn() {
        FilingView rejected = users.as("natclerk", () -> filings.submit(application(terminalMaker.id(),
                ProductType.TERMINAL, FilingFixtures.model("T"))));
        String taskId = task(inbox, users, "natsupervisor", rejected.caseNo(), FilingService.REVIEW_TASK).taskId();
        assertThatThrownBy(() -> users.as("natsupervisor", () -> filings.review(taskId, Review.approve())))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().get(0).field()).isEqualTo("comment");
        review("natsupervisor", rejected, Review.reject("检测报告与型号不符"));
        assertThat(get("natclerk", rejected.id()).status()).isEqualTo(FilingStatus.REJECTED);
        assertThat(new String(users.as("natclerk", () -> documents.opinion(rejected.id())), 0, 5)).isEqualTo("%PDF-");
        assertThatThrownBy(() -> users.as("natclerk", () -> documents.certificate(rejected.id())))
                .isInstanceOf(ConflictException.class);

        FilingView withdrawn = users.as("termclient", () -> filings.submit(application(null, ProductType.TERMINAL,
                FilingFixtures.model("T"))));
        review("natsupervisor2", withdrawn, Review.sendBack("型号填写有误"));
        assertThatThrownBy(() -> users.as("termclient", () -> filings.withdraw(withdrawn.id(), new Withdrawal(" "))))
                .isInstanceOf(DomainValidationException.class);
        FilingView w = users.as("termclient", () -> filings.withdraw(withdrawn.id(), new Withdrawal("型号更名后重新申请")));
        assertThat(w.status()).isEqualTo(FilingStatus.WITHDRAWN);
        assertThat(w.currentSteps()).isEmpty();
        assertThat(auditTypes(withdrawn.caseNo())).contains("ProductFilingWithdrawn");
    }

    @Test
    @DisplayName("FIL-01 FIL-02 completeness checks answer 400 by field; only the national centre creates, modifies and revokes (a provincial admin 403); a client applies only for itself (404)")
    void checksAndLevels() {
        assertThat(fields(() -> users.as("natclerk", () -> filings.submit(new FilingApplication(chipMaker.id(),
                ProductType.CHIP, "bad model!", " ", "x".repeat(501), List.of(new NewAttachment(
                AttachmentKind.CERTIFICATE, "a.exe", "application/pdf", new byte[]{'M', 'Z'})))))))
                .contains("model", "productVersion", "description", "attachments[0].contentType", "attachments");
        assertThat(fields(() -> users.as("natclerk", () -> filings.submit(new FilingApplication(chipMaker.id(),
                ProductType.CHIP, FilingFixtures.model("C"), "1", null, List.of(new NewAttachment(
                AttachmentKind.CERTIFICATE, "big.pdf", "application/pdf", big()), new NewAttachment(
                AttachmentKind.TEST_REPORT, "t.jpg", "image/jpeg", FilingFixtures.PNG)))))))
                .contains("attachments[0].content", "attachments[1].contentType");
        assertThat(fields(() -> users.as("natclerk", () -> filings.submit(application(terminalMaker.id(),
                ProductType.CHIP, FilingFixtures.model("C")))))).containsExactly("productType");

        assertThatThrownBy(() -> users.as("bjadmin", () -> filings.submit(application(chipMaker.id(),
                ProductType.CHIP, FilingFixtures.model("C"))))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> filings.submit(application(chipMaker.id(),
                ProductType.CHIP, FilingFixtures.model("C"))))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("bjadmin", () -> manufacturers.register(new ManufacturerRegistration("某公司",
                FilingFixtures.creditCode(), java.util.Set.of(ProviderType.CARD_MAKER), "李", "010-1234567", null))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("termclient", () -> filings.submit(application(chipMaker.id(),
                ProductType.TERMINAL, FilingFixtures.model("T"))))).isInstanceOf(NotFoundException.class);

        FilingView f = approved(terminalMaker.id(), ProductType.TERMINAL);
        assertThatThrownBy(() -> users.as("bjadmin", () -> filings.revoke(f.id(), "质量问题")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("bjadmin", () -> filings.modify(f.id(), f.version(), "2.0", null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(users.as("admin", () -> filings.modify(f.id(), f.version(), "2.0", "升级固件")).productVersion())
                .isEqualTo("2.0");
        // a second modification from the same (now stale) reading: 409, not last write wins; no version: 400
        assertThatThrownBy(() -> users.as("natsupervisor", () -> filings.modify(f.id(), f.version(), "3.0", null)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(FilingService.STALE));
        assertThat(fields(() -> users.as("admin", () -> filings.modify(f.id(), null, "3.0", null))))
                .containsExactly("version");
        assertThat(get("admin", f.id()).productVersion()).isEqualTo("2.0");
        assertThat(fields(() -> users.as("admin", () -> filings.revoke(f.id(), " ")))).containsExactly("reason");
        assertThat(get("bjadmin", f.id()).status()).isEqualTo(FilingStatus.FILED);
    }

    @Test
    @DisplayName("FIL-02 a revoked filing leaves the catalogue at once and its process ends; requireFiled answers 409 naming the field")
    void revoked() {
        FilingView f = approved(terminalMaker.id(), ProductType.TERMINAL);
        assertThat(filed.isFiled(ProductType.TERMINAL, terminalMaker.creditCode(), f.model())).isTrue();
        FilingView r = users.as("admin", () -> filings.revoke(f.id(), "抽检不合格"));
        assertThat(r.status()).isEqualTo(FilingStatus.REVOKED);
        assertThat(r.revokeReason()).isEqualTo("抽检不合格");
        assertThat(r.currentSteps()).isEmpty();
        assertThat(filed.isFiled(ProductType.TERMINAL, terminalMaker.creditCode(), f.model())).isFalse();
        assertThatThrownBy(() -> filed.requireFiled(ProductType.TERMINAL, terminalMaker.id(), f.model(), "manufacturerCode",
                "terminalModel"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> {
                    assertThat(((ConflictException) e).code()).isEqualTo(FiledProducts.NOT_FILED);
                    assertThat(((ConflictException) e).field()).isEqualTo("terminalModel");
                });
        assertThatThrownBy(() -> users.as("admin", () -> filings.revoke(f.id(), "再次撤销")))
                .isInstanceOf(ConflictException.class);
        assertThat(auditTypes(f.caseNo())).contains("ProductFilingRevoked");
    }

    @Test
    @DisplayName("FIL-01 the reminder timer puts a notice in the national reviewers' inbox; the lapse timer ends the filing (EXPIRED, off the catalogue)")
    void reminderAndLapse() {
        FilingView f = approved(chipMaker.id(), ProductType.SAM);
        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(f.caseNo()).singleResult().getId();
        List<Job> timers = management.createJobQuery().processInstanceId(pi).timers().orderByJobDuedate().asc().list();
        assertThat(timers).hasSize(2);
        assertThat(timers.get(1).getDuedate().toInstant().atZone(cn.healthcard.common.ChinaTime.ZONE).toLocalDate())
                .isEqualTo(f.validUntil().plusDays(1));
        assertThat(timers.get(0).getDuedate()).isEqualTo(java.util.Date.from(f.validUntil().plusDays(1)
                .minusDays(30).atStartOfDay(cn.healthcard.common.ChinaTime.ZONE).toInstant()));
        SecurityContextUsers.runAsSystem(() -> management.executeJob(timers.get(0).getId()));
        var notice = task(inbox, users, "natsupervisor", f.caseNo(), FilingService.NOTICE_TASK);
        assertThat(users.as("natsupervisor", () -> filings.forNoticeTask(notice.taskId())).remindedAt()).isNotNull();
        SecurityContextUsers.runAsSystem(() -> management.executeJob(timers.get(1).getId()));
        assertThat(get("natsupervisor", f.id()).status()).isEqualTo(FilingStatus.EXPIRED);
        assertThat(filed.isFiled(ProductType.SAM, chipMaker.creditCode(), f.model())).isFalse();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        assertThat(auditTypes(f.caseNo())).containsSubsequence("ProductFiled", "ProductFilingExpiryReminded",
                "ProductFilingLapsed");
    }

    @Test
    @DisplayName("FIL-03 STAT-01 centres register filed products in use; counts roll up by region (national per province, a province per city); unfiled products are refused (409 on filingNo); counts by type and status")
    void productsInUse() {
        FilingView f = approved(chipMaker.id(), ProductType.CHIP);
        users.as("supervisor", () -> inUse.register(f.filingNo(), LocalDate.now().minusDays(10), 1200, "首批"));
        users.as("bjsupervisor", () -> inUse.register(f.filingNo(), LocalDate.now().minusDays(3), 300, null));
        users.as("shsupervisor", () -> inUse.register(f.filingNo(), LocalDate.now(), 50, null));
        // updating replaces the institution's row
        users.as("supervisor", () -> inUse.register(f.filingNo(), LocalDate.now().minusDays(10), 1500, "追加"));

        var national = users.as("admin", inUse::counts).stream().filter(c -> f.filingNo().equals(c.filingNo()))
                .toList();
        assertThat(national).extracting(ProductsInUse.Count::regionCode, ProductsInUse.Count::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("110000", 1800L),
                        org.assertj.core.groups.Tuple.tuple("310000", 50L));
        var beijing = users.as("bjadmin", inUse::counts).stream().filter(c -> f.filingNo().equals(c.filingNo()))
                .toList();
        assertThat(beijing).extracting(ProductsInUse.Count::regionCode, ProductsInUse.Count::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("110000", 300L),
                        org.assertj.core.groups.Tuple.tuple("110100", 1500L));
        assertThat(users.as("shsupervisor", inUse::list)).noneMatch(u -> u.regionCode().startsWith("11"));

        FilingView revoked = approved(chipMaker.id(), ProductType.CHIP);
        users.as("admin", () -> filings.revoke(revoked.id(), "撤销"));
        assertThatThrownBy(() -> users.as("supervisor", () -> inUse.register(revoked.filingNo(), LocalDate.now(), 1,
                null))).isInstanceOf(ConflictException.class);
        assertThat(fields(() -> users.as("supervisor", () -> inUse.register(f.filingNo(),
                LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).plusDays(1), -1, "x".repeat(201))))).containsExactly("since", "quantity", "notes");

        // STAT-01: a provincial centre counts published filings only, as it sees them
        users.as("natclerk", () -> filings.submit(application(chipMaker.id(), ProductType.CHIP,
                FilingFixtures.model("ST"))));
        assertThat(users.as("admin", statistics::byTypeAndStatus))
                .anySatisfy(c -> assertThat(c.status()).isEqualTo(FilingStatus.IN_REVIEW));
        assertThat(users.as("bjadmin", statistics::byTypeAndStatus)).isNotEmpty()
                .noneMatch(c -> java.util.EnumSet.of(FilingStatus.IN_REVIEW, FilingStatus.RETURNED,
                        FilingStatus.REJECTED, FilingStatus.WITHDRAWN).contains(c.status()));
        assertThat(users.as("auditor", statistics::byTypeAndStatus))
                .anySatisfy(c -> {
                    assertThat(c.productType()).isEqualTo(ProductType.CHIP);
                    assertThat(c.status()).isEqualTo(FilingStatus.FILED);
                    assertThat(c.count()).isPositive();
                })
                .anySatisfy(c -> assertThat(c.status()).isEqualTo(FilingStatus.REVOKED));
    }

    @Test
    @DisplayName("FIL-01 whoever completed and resubmitted an application (or uploaded its files) may not review it (403); another reviewer may")
    void resubmitterDoesNotReview() {
        FilingView f = users.as("termclient", () -> filings.submit(application(null, ProductType.TERMINAL,
                FilingFixtures.model("RS"))));
        review("natsupervisor", f, Review.sendBack("请补充检测报告"));
        users.as("natdual", () -> filings.resubmit(f.id(), new FilingCompletion("1.1", "代为补正", List.of(
                new NewAttachment(AttachmentKind.TEST_REPORT, "检测报告-v2.pdf", "application/pdf",
                        FilingFixtures.PDF)))));
        String taskId = task(inbox, users, "natdual", f.caseNo(), FilingService.REVIEW_TASK).taskId();
        assertThatThrownBy(() -> users.as("natdual", () -> filings.review(taskId,
                Review.of(Review.Outcome.APPROVE, "自己补正自己审")))).isInstanceOf(AccessDeniedException.class);
        assertThat(review("natsupervisor2", f, Review.of(Review.Outcome.APPROVE, "予以备案")).status())
                .isEqualTo(FilingStatus.FILED);
    }

    @Test
    @DisplayName("FIL-03 a product in use is registered under a filing in force only: a revoked filing's number is refused (409 on filingNo) although a newer filing of the same model is valid")
    void productsInUseUnderADeadFilingNumber() {
        String model = FilingFixtures.model("DEAD");
        FilingView old = users.as("natclerk", () -> filings.submit(application(chipMaker.id(), ProductType.CHIP,
                model)));
        FilingView oldFiled = review("natsupervisor", old, Review.of(Review.Outcome.APPROVE, "予以备案"));
        users.as("admin", () -> filings.revoke(old.id(), "抽检不合格"));
        FilingView renewed = users.as("natclerk", () -> filings.submit(application(chipMaker.id(), ProductType.CHIP,
                model)));
        FilingView current = review("natsupervisor", renewed, Review.of(Review.Outcome.APPROVE, "整改后予以备案"));
        assertThat(filed.isFiled(ProductType.CHIP, chipMaker.creditCode(), model)).isTrue();

        assertThatThrownBy(() -> users.as("supervisor", () -> inUse.register(oldFiled.filingNo(), LocalDate.now(), 5,
                null))).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("filingNo"));
        assertThat(users.as("supervisor", () -> inUse.register(current.filingNo(), LocalDate.now(), 5, null))
                .filingNo()).isEqualTo(current.filingNo());
    }

    /** A filing of the type, approved by the national supervisor. */
    FilingView approved(String manufacturerId, ProductType type) {
        FilingView f = users.as("natclerk", () -> filings.submit(application(manufacturerId, type,
                FilingFixtures.model(type.name()))));
        return review("natsupervisor", f, Review.of(Review.Outcome.APPROVE, "予以备案"));
    }

    private static byte[] big() {
        byte[] b = new byte[FilingRules.MAX_FILE_BYTES + 1];
        System.arraycopy(FilingFixtures.PDF, 0, b, 0, FilingFixtures.PDF.length);
        return b;
    }

    private static List<String> fields(Runnable action) {
        try {
            action.run();
        } catch (DomainValidationException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("no 400");
    }
}
