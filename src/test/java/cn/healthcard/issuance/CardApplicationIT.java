package cn.healthcard.issuance;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.production.CardMakerSimulator;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.IncidentService;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The card-application case through its application service, on the embedded H2 database. */
@IntegrationTest
class CardApplicationIT {

    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired ResidentService residents;
    @Autowired BlacklistService blacklist;
    @Autowired AuditLog auditLog;
    @Autowired IncidentService incidents;
    @Autowired CardMakerSimulator cardMaker;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        cardMaker.failNext(0);
    }

    @Test
    @DisplayName("APP-01 APP-07 APP-12 BPM-04 register, approve, produce, pick up: the card is active and the receipt prints")
    void happyPath() throws Exception {
        ApplicationView issued = scenario.issue(TestResidents.newResident("张建华"));

        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.cardNo()).matches("110105\\d{12}");
        assertThat(users.as("clerk", () -> cards.find(issued.cardNo())).orElseThrow().status())
                .isEqualTo(CardStatus.ACTIVE);
        assertThat(issued.currentSteps()).isEmpty();
        byte[] pdf = users.as("clerk", () -> applications.pickupReceipt(issued.applicationId()));
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        var text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf)).getTextFromPage(1);
        assertThat(text).contains("居民健康卡领卡签收单").contains(issued.cardNo()).contains("张建华").contains("王经办");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/reports"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/reports/pickup-receipt-from-case.pdf"), pdf);
        assertThat(users.as("auditor", () -> auditLog.about("CardApplication", issued.applicationId())))
                .extracting(AuditLog.Entry::eventType)
                .containsSubsequence("CardApplicationSubmitted", "CardApplicationReviewed", "CardProductionRequested",
                        "CardReadyForPickup", "CardPickedUp");
        assertThat(users.as("auditor", () -> auditLog.about("Card", issued.cardNo())))
                .extracting(AuditLog.Entry::detail).containsExactly("— → READY", "READY → ACTIVE");
    }

    @Test
    @DisplayName("APP-02 one person one card: a second application is refused while one is in flight and after the card is issued")
    void onePersonOneCard() {
        ResidentData person = TestResidents.newResident("李卫东");
        scenario.submit("clerk", person);
        assertThatThrownBy(() -> scenario.submit("clerk2", person))
                .isInstanceOf(ConflictException.class).hasMessageContaining("一人一卡");

        ResidentData other = TestResidents.newResident("王秀英");
        scenario.issue(other);
        assertThatThrownBy(() -> scenario.submit("clerk", other))
                .isInstanceOf(ConflictException.class).hasMessageContaining("一人一卡");
    }

    @Test
    @DisplayName("APP-02 APP-07 a rejected application (with its reason) releases the claim: the person may apply again")
    void rejectReleasesClaim() {
        ResidentData person = TestResidents.newResident("赵丽");
        String id = scenario.submit("clerk", person).applicationId();

        assertThatThrownBy(() -> scenario.review("supervisor", id, Review.Outcome.REJECT, " "))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().get(0).field()).isEqualTo("comment");
        scenario.review("supervisor", id, Review.Outcome.REJECT, "照片与本人不符");

        ApplicationView rejected = scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);
        assertThat(rejected.reviewComment()).isEqualTo("照片与本人不符");
        assertThat(scenario.submit("clerk", person).status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    @DisplayName("APP-02 APP-07 a returned application the clerk withdraws ends, releases the one-card claim (the person may apply again) and is audited")
    void sendBackAndWithdraw() {
        ResidentData person = TestResidents.newResident("钱撤回");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "照片不清晰");
        var revise = scenario.task("clerk2", id, CardApplicationService.REVISE_TASK);
        assertThatThrownBy(() -> users.as("clerk2", () -> applications.registerPickup(revise.taskId(),
                new PickupData(true, null, null, null, true, null)))).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(CaseTasks.WRONG_TASK));

        ApplicationView withdrawn = users.as("clerk2", () -> applications.withdraw(revise.taskId(),
                new Withdrawal("居民改为下月再来申领")));

        assertThat(withdrawn.status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(withdrawn.currentSteps()).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(users.as("auditor", () -> auditLog.about("CardApplication", id)))
                .filteredOn(e -> e.eventType().equals("CardApplicationWithdrawn")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("clerk2");
                    assertThat(e.detail()).isEqualTo("居民改为下月再来申领");
                });
        assertThat(scenario.submit("clerk", person).status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    @DisplayName("ORG-05 APP-07 withdrawal as an attacker: a clerk of another region gets 404 by task and by case, a replayed withdrawal changes nothing, an overlong reason is refused")
    void withdrawalAttacks() {
        String id = scenario.submit("clerk", TestResidents.newResident("孙防撤")).applicationId();
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "地址不全");
        var revise = scenario.task("clerk", id, CardApplicationService.REVISE_TASK);

        assertThatThrownBy(() -> users.as("shclerk", () -> applications.withdraw(revise.taskId(),
                new Withdrawal("外地窗口撤回")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("shclerk", () -> applications.withdrawApplication(id,
                new Withdrawal("外地窗口撤回")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> new Withdrawal("长".repeat(201))).isInstanceOf(DomainValidationException.class);
        assertThat(users.as("clerk", () -> applications.get(id)).status()).isEqualTo(ApplicationStatus.RETURNED);

        users.as("clerk", () -> applications.withdraw(revise.taskId(), new Withdrawal("申请人放弃")));
        assertThatThrownBy(() -> users.as("clerk", () -> applications.withdraw(revise.taskId(),
                new Withdrawal("再撤一次")))).isInstanceOf(NotFoundException.class);
        assertThat(users.as("auditor", () -> auditLog.about("CardApplication", id)))
                .filteredOn(e -> e.eventType().equals("CardApplicationWithdrawn")).hasSize(1);
    }

    @Test
    @DisplayName("APP-02 APP-07 INT-01 POST /card-applications/{id}/withdrawal: 409 while under review, 400 without a reason, then the claim is released")
    void withdrawOverTheApi() {
        ResidentData person = TestResidents.newResident("孙接口撤回");
        String id = scenario.submit("clerk", person).applicationId();
        String path = "/api/v1/card-applications/" + id + "/withdrawal";
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        var client = rest.withBasicAuth("platform", "demo1234");

        var early = client.postForEntity(path, new org.springframework.http.HttpEntity<>(Map.of("reason", "x"), headers),
                String.class);
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody()).contains("NOT_AT_STEP");
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "住址不完整");
        scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED);
        assertThat(client.postForEntity(path, new org.springframework.http.HttpEntity<>(Map.of(), headers),
                String.class).getStatusCode().value()).isEqualTo(400);

        var done = client.postForEntity(path, new org.springframework.http.HttpEntity<>(Map.of("reason", "不再申领"),
                headers), String.class);

        assertThat(done.getStatusCode().value()).isEqualTo(200);
        assertThat(done.getBody()).contains("\"status\":\"WITHDRAWN\"");
        assertThat(scenario.submit("clerk", person).status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    @DisplayName("APP-07 BPM-02 sent back with a reason, corrected by the clerk, reviewed again")
    void sendBackAndCorrect() {
        ResidentData person = TestResidents.newResident("孙小梅");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.SEND_BACK, "住址不完整，请补充门牌号");
        assertThat(scenario.awaitStatus("clerk", id, ApplicationStatus.RETURNED).reviewComment())
                .isEqualTo("住址不完整，请补充门牌号");

        var revise = scenario.task("clerk2", id, CardApplicationService.REVISE_TASK);
        ResidentData loaded = users.as("clerk2", () -> applications.residentForCorrection(revise.taskId()));
        assertThat(loaded.documentNumber()).isEqualTo(person.documentNumber());
        ResidentData corrected = new ResidentData(loaded.documentType(), loaded.documentNumber(), loaded.name(),
                loaded.sex(), loaded.ethnicity(), loaded.birthDate(), loaded.phone(), "北京市朝阳区朝阳门外大街1号3单元502",
                loaded.bloodTypeAbo(), loaded.bloodTypeRh(), loaded.medicalAlerts(), loaded.photo());
        users.run("clerk2", () -> applications.resubmit(revise.taskId(), corrected));

        assertThat(scenario.awaitStatus("supervisor", id, ApplicationStatus.SUBMITTED)).isNotNull();
        scenario.review("supervisor", id, Review.Outcome.APPROVE, null);
        scenario.awaitStatus("clerk", id, ApplicationStatus.READY);
        assertThat(users.as("auditor", () -> auditLog.about("Resident", residents.findByDocument("01",
                person.documentNumber()).orElseThrow()))).extracting(AuditLog.Entry::detail).contains("退回修改");
    }

    @Test
    @DisplayName("APP-03 APP-05 invalid data is refused field by field and changes nothing")
    void invalidDataChangesNothing() {
        Integer before = jdbc.queryForObject("select count(*) from resident", Integer.class);
        ResidentData good = TestResidents.newResident("周强");
        ResidentData bad = new ResidentData("01", good.documentNumber(), "周强", "2", "01",
                good.birthDate().plusDays(1), "12345", "", "A", "POSITIVE", null, new byte[]{1, 2, 3});

        assertThatThrownBy(() -> scenario.submit("clerk", bad))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::field).toList())
                .asList().containsExactlyInAnyOrder("sex", "birthDate", "phone", "address", "photo");
        assertThat(jdbc.queryForObject("select count(*) from resident", Integer.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("APP-06 a blacklisted resident cannot apply")
    void blacklisted() {
        ResidentData person = TestResidents.newResident("吴刚");
        SecurityContextUsers.runAsSystem(() -> blacklist.addResident(
                residents.documentIndex("01", person.documentNumber()), "骗取医保待遇"));
        assertThatThrownBy(() -> scenario.submit("clerk", person))
                .isInstanceOf(ConflictException.class).hasMessageContaining("黑名单");
    }

    @Test
    @DisplayName("SEC-01 service methods check roles, not only the screens")
    void rolesAreCheckedInTheService() {
        ResidentData person = TestResidents.newResident("郑明");
        assertThatThrownBy(() -> scenario.submit("supervisor", person)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> scenario.submit("auditor", person)).isInstanceOf(AccessDeniedException.class);
        String id = scenario.submit("clerk", person).applicationId();
        var review = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);
        assertThatThrownBy(() -> users.as("clerk", () -> applications.review(review.taskId(), Review.of(Review.Outcome.APPROVE, null))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> { applications.activateCard(id); return null; }))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @DisplayName("ORG-05 SEC-02 a centre sees its own region and those below it, nothing else")
    void regionScoping() {
        String id = scenario.submit("clerk", TestResidents.newResident("钱芳")).applicationId();
        assertThatThrownBy(() -> users.as("shclerk", () -> applications.get(id))).isInstanceOf(NotFoundException.class);
        assertThat(users.as("shsupervisor", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .noneMatch(t -> id.equals(t.businessKey()));
        assertThat(users.as("supervisor", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .anyMatch(t -> id.equals(t.businessKey()));
        assertThat(users.as("auditor", () -> applications.get(id)).resident().nameMasked()).isEqualTo("钱*");
    }

    @Test
    @DisplayName("ORG-05 APP-04 a centre of another region cannot overwrite an existing resident's record through a new application: conflicting identity data are refused, matching data leave the record as it is")
    void otherRegionCannotOverwriteResident() {
        ResidentData person = TestResidents.newResident("孙建平");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);
        String residentId = users.as("clerk", () -> applications.get(id)).resident().id();
        String before = jdbc.queryForObject("select name_index || phone_enc from resident where id = ?",
                String.class, residentId);

        ResidentData renamed = new ResidentData(person.documentType(), person.documentNumber(), "冒名顶替",
                person.sex(), person.ethnicity(), person.birthDate(), "13800000000", "上海市徐汇区漕溪北路1号",
                person.bloodTypeAbo(), person.bloodTypeRh(), null, person.photo());
        assertThatThrownBy(() -> users.as("shclerk", () -> applications.submit(renamed)))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("RESIDENT_DATA_CONFLICT");
        assertThat(jdbc.queryForObject("select name_index || phone_enc from resident where id = ?", String.class,
                residentId)).isEqualTo(before);

        ResidentData moved = new ResidentData(person.documentType(), person.documentNumber(), person.name(),
                person.sex(), person.ethnicity(), person.birthDate(), "13800000000", "上海市徐汇区漕溪北路1号",
                person.bloodTypeAbo(), person.bloodTypeRh(), null, person.photo());
        assertThat(users.as("shclerk", () -> applications.submit(moved)).status())
                .isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(jdbc.queryForObject("select name_index || phone_enc from resident where id = ?", String.class,
                residentId)).as("the Beijing record is not overwritten from Shanghai").isEqualTo(before);
    }

    @Test
    @DisplayName("BPM-02 the inbox filters by applicant name or ID number through keyed indexes; claim and unclaim")
    void inboxFiltersAndClaims() {
        ResidentData person = TestResidents.newResident("冯晓东");
        String id = scenario.submit("clerk", person).applicationId();
        var byName = new TaskFilter(TaskFilter.Scope.GROUPS, "card-application", "审核",
                LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).minusDays(1),
                LocalDate.now(cn.healthcard.common.ChinaTime.ZONE), "冯晓东"); // China days, as the inbox counts
        var byId = new TaskFilter(TaskFilter.Scope.ALL, null, null, null, null, person.documentNumber());
        assertThat(users.as("supervisor", () -> inbox.find(byName, 0, 50))).extracting(t -> t.businessKey()).containsExactly(id);
        assertThat(users.as("supervisor", () -> inbox.find(byId, 0, 50))).extracting(t -> t.businessKey()).containsExactly(id);

        var task = scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);
        users.run("supervisor", () -> inbox.claim(task.taskId()));
        assertThatThrownBy(() -> users.run("lead", () -> inbox.claim(task.taskId())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.as("lead", () -> applications.review(task.taskId(), Review.of(Review.Outcome.APPROVE, null))))
                .isInstanceOf(ConflictException.class);
        users.run("supervisor", () -> inbox.unclaim(task.taskId()));
        users.as("lead", () -> applications.review(task.taskId(), Review.of(Review.Outcome.APPROVE, null)));
    }

    @Test
    @DisplayName("BPM-04 a failing card maker becomes an incident after the retries; an admin retries it and the case goes on")
    void productionFailureAndRetry() {
        cardMaker.failNext(100);
        String id = scenario.submit("clerk", TestResidents.newResident("陈静")).applicationId();
        scenario.review("supervisor", id, Review.Outcome.APPROVE, null);
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .singleResult().getId();
        var job = Eventually.await("production job", Duration.ofSeconds(10),
                () -> management.createJobQuery().processInstanceId(processInstanceId)
                        .activityId("requestCardProduction").singleResult(), j -> j != null);
        while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the simulated maker is down
            }
        }
        var incident = users.as("admin", () -> incidents.open()).stream()
                .filter(i -> id.equals(i.businessKey())).findFirst().orElseThrow();
        assertThat(incident.message()).contains("制卡机构不可用");
        assertThat(users.as("clerk", () -> applications.get(id)).incident()).isTrue();
        assertThatThrownBy(() -> users.run("clerk", () -> incidents.retry(incident.id())))
                .isInstanceOf(AccessDeniedException.class);

        cardMaker.failNext(0);
        users.run("admin", () -> incidents.retry(incident.id()));
        assertThat(scenario.awaitStatus("clerk", id, ApplicationStatus.READY).incident()).isFalse();
    }

    @Test
    @DisplayName("APP-07 BPM-02 a review left undone past the configured time goes to the supervisors' group lead")
    void reviewEscalatesToGroupLead() {
        String id = scenario.submit("clerk", TestResidents.newResident("卫东升")).applicationId();
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .singleResult().getId();
        var timer = management.createJobQuery().processInstanceId(processInstanceId).timers().singleResult();
        assertThat(timer.getDuedate()).isInTheFuture();
        management.executeJob(timer.getId());

        var task = scenario.task("lead", id, CardApplicationService.REVIEW_TASK);
        assertThat(task.assignee()).isEqualTo("lead");
        assertThat(task.priority()).isEqualTo(90);
        assertThat(users.as("auditor", () -> auditLog.about("CardApplication", id)))
                .extracting(AuditLog.Entry::eventType).contains("ReviewEscalated");
        users.as("lead", () -> applications.review(task.taskId(), Review.of(Review.Outcome.APPROVE, null)));
    }

    @Test
    @DisplayName("SEC-03 reading a resident's plaintext data is audited with who and why; the database holds no plaintext")
    void personalDataProtected() {
        ResidentData person = TestResidents.newResident("韩梅梅");
        String id = scenario.submit("clerk", person).applicationId();
        Map<String, Object> row = jdbc.queryForMap("select * from resident where id = (select resident_id from card_application where id = ?)", id);
        assertThat(row.values().toString()).doesNotContain(person.documentNumber()).doesNotContain("韩梅梅")
                .doesNotContain("13912345678");
        String residentId = row.get("ID").toString();
        users.as("supervisor", () -> residents.details(residentId, "测试读取"));
        assertThat(users.as("auditor", () -> auditLog.about("Resident", residentId)))
                .anySatisfy(e -> {
                    assertThat(e.eventType()).isEqualTo("PersonalDataRead");
                    assertThat(e.actor()).isEqualTo("supervisor");
                    assertThat(e.detail()).isEqualTo("测试读取");
                });
    }
}
