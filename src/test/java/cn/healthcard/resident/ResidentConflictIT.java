package cn.healthcard.resident;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardService;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resident-data conflict case through its application service (issue #10 item 9): a clerk of Xuhui (310104)
 * files the data entered for a resident whose record belongs to Chaoyang (110105); only Chaoyang's supervisors review
 * it. Attacks first, then the two outcomes.
 */
@IntegrationTest
class ResidentConflictIT {

    @Autowired ResidentConflictService conflicts;
    @Autowired ResidentService residents;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired AuditLog auditLog;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    /** A resident registered in Chaoyang whose application there was rejected (so a new one may be filed). */
    private ResidentData chaoyangResident(String name) {
        ResidentData person = TestResidents.newResident(name);
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);
        return person;
    }

    /** The same person as entered in Xuhui, with another name. */
    private static ResidentData renamed(ResidentData person, String name) {
        return new ResidentData(person.documentType(), person.documentNumber(), name, person.sex(),
                person.ethnicity(), person.birthDate(), "13800000000", "上海市徐汇区漕溪北路1号",
                person.bloodTypeAbo(), person.bloodTypeRh(), null, person.photo());
    }

    private TaskRef reviewTask(String caseNo) {
        return Eventually.await("review of " + caseNo, Duration.ofSeconds(30),
                () -> users.as("supervisor", () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                        .filter(t -> caseNo.equals(t.businessKey())
                                && ResidentConflictService.REVIEW_TASK.equals(t.taskDefinitionKey()))
                        .findFirst().orElse(null),
                t -> t != null);
    }

    private String nameIndexOf(String documentNumber) {
        return jdbc.queryForObject("select name_index from resident where document_index = ?", String.class,
                residents.documentIndex("01", documentNumber));
    }

    @Test
    @DisplayName("ORG-05 APP-04 APP-03 SEC-02 APP-01 attacks: identity data invalid for the document 400, supervisors of the filer's region cannot see or decide the case (404), the filer cannot review it (403), no send back (400), an unknown document is 404, overlong fields 400, a second open case 409, a decided task 404")
    void attacks() {
        ResidentData person = chaoyangResident("孙立新");
        ResidentData entered = renamed(person, "孙立鑫");
        assertThatThrownBy(() -> users.as("shclerk", () -> applications.submit(entered)))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ResidentService.DATA_CONFLICT);

        // overlong and missing fields: 400 by field, nothing filed
        String longReason = "户".repeat(ResidentConflictFiling.MAX_REASON + 1);
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                longReason)))).isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::field)
                        .toList()).asList().containsExactly("reason");
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(
                renamed(person, "名".repeat(51)), "户籍迁移")))).isInstanceOf(DomainValidationException.class);
        // identity data that do not pass the card-data rules for the record's document (APP-03): 400 by field
        ResidentData wrongBirth = new ResidentData(entered.documentType(), entered.documentNumber(), entered.name(),
                entered.sex(), entered.ethnicity(), entered.birthDate().minusYears(1), entered.phone(),
                entered.address(), entered.bloodTypeAbo(), entered.bloodTypeRh(), null, entered.photo());
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(wrongBirth,
                "户籍迁移")))).isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::field)
                        .toList()).asList().containsExactly("birthDate");
        // unknown document: 404, as for a case one may not see
        ResidentData stranger = renamed(TestResidents.newResident("周无档"), "周无档");
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(stranger,
                "户籍迁移")))).isInstanceOf(NotFoundException.class);
        // the record's own centre has no conflict to file
        assertThatThrownBy(() -> users.as("clerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                "更正")))).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ResidentConflictService.NOT_A_CONFLICT);

        ResidentConflictView filed = users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                "居民户籍迁入本区，原档案姓名登记有误")));
        assertThat(filed.status()).isEqualTo(ResidentConflictStatus.IN_REVIEW);
        assertThat(filed.regionCode()).isEqualTo("110105");
        assertThat(filed.caseNo()).startsWith("HS110105");
        assertThat(filed.residentNameMasked()).isEqualTo("孙*新");

        // a second open case for the resident
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                "再次提交")))).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(ResidentConflictService.CASE_OPEN);

        TaskRef task = reviewTask(filed.caseNo());
        // the filer's region's supervisor: not in their inbox, not readable, not decidable
        assertThat(users.as("shsupervisor", () -> inbox.find(TaskFilter.all(), 0, 500)))
                .noneMatch(t -> filed.caseNo().equals(t.businessKey()));
        assertThatThrownBy(() -> users.as("shsupervisor", () -> conflicts.get(filed.caseNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("shsupervisor", () -> conflicts.reviewFor(task.taskId())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("shsupervisor", () -> conflicts.review(task.taskId(), Review.approve())))
                .isInstanceOf(NotFoundException.class);
        // the filer reads their case, masked only
        assertThat(users.as("shclerk", () -> conflicts.get(filed.caseNo())).documentNumberMasked())
                .doesNotContain(person.documentNumber().substring(6, 14));
        // the filer cannot decide their own case
        assertThatThrownBy(() -> users.as("shclerk", () -> conflicts.review(task.taskId(), Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        // no send back: the filer files anew
        assertThatThrownBy(() -> users.as("supervisor", () -> conflicts.review(task.taskId(),
                Review.sendBack("请补充材料")))).isInstanceOf(DomainValidationException.class);
        // reject needs a reason
        assertThatThrownBy(() -> users.as("supervisor", () -> conflicts.review(task.taskId(),
                Review.of(Review.Outcome.REJECT, null)))).isInstanceOf(DomainValidationException.class);

        String before = nameIndexOf(person.documentNumber());
        assertThat(users.as("supervisor", () -> conflicts.review(task.taskId(), Review.reject("档案登记无误")))
                .status()).isEqualTo(ResidentConflictStatus.REJECTED);
        assertThat(nameIndexOf(person.documentNumber())).as("a rejected case changes nothing").isEqualTo(before);
        // deciding the decided task: the kit's answer, 404
        assertThatThrownBy(() -> users.as("supervisor", () -> conflicts.review(task.taskId(), Review.approve())))
                .isInstanceOf(NotFoundException.class);
        // decided: a new case may be filed
        assertThat(users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered, "补充户籍证明后重新提交")))
                .status()).isEqualTo(ResidentConflictStatus.IN_REVIEW);
    }

    @Test
    @DisplayName("ORG-05 APP-04 APP-01 SEC-02 SEC-03 approved by the record's supervisor, the record takes the filed identity data (audited, plaintext read audited) and the other region's application goes through")
    void approvedCorrectionLetsTheApplicationThrough() {
        ResidentData person = chaoyangResident("钱志远");
        ResidentData entered = new ResidentData(person.documentType(), person.documentNumber(), "钱致远",
                person.sex(), "02", person.birthDate(), "13800000000", "上海市徐汇区漕溪北路1号",
                person.bloodTypeAbo(), person.bloodTypeRh(), null, person.photo());
        assertThatThrownBy(() -> users.as("shclerk", () -> applications.submit(entered)))
                .isInstanceOf(ConflictException.class);
        String residentId = residents.findByDocument("01", person.documentNumber()).orElseThrow();

        ResidentConflictView filed = users.as("shclerk", () -> conflicts.file(ResidentConflictFiling.of(entered,
                "户籍迁移，民族与姓名以户口簿为准")));
        TaskRef task = reviewTask(filed.caseNo());
        assertThat(task.applicantName()).isEqualTo("钱*远");

        ResidentConflictReview review = users.as("supervisor", () -> conflicts.reviewFor(task.taskId()));
        assertThat(review.current().name()).isEqualTo("钱志远");
        assertThat(review.filed().name()).isEqualTo("钱致远");
        assertThat(review.current().ethnicity()).isEqualTo("01");
        assertThat(review.filed().ethnicity()).isEqualTo("02");
        assertThat(review.reason()).contains("户口簿");
        assertThat(users.as("auditor", () -> auditLog.about("Resident", residentId)))
                .anySatisfy(e -> {
                    assertThat(e.eventType()).isEqualTo("PersonalDataRead");
                    assertThat(e.actor()).isEqualTo("supervisor");
                    assertThat(e.detail()).isEqualTo("档案核实审核 " + filed.caseNo());
                });

        ResidentConflictView decided = users.as("supervisor", () -> conflicts.review(task.taskId(),
                Review.approve()));
        assertThat(decided.status()).isEqualTo(ResidentConflictStatus.CORRECTED);
        assertThat(decided.currentSteps()).isEmpty();
        assertThat(nameIndexOf(person.documentNumber())).isEqualTo(residents.nameIndex("钱致远"));
        assertThat(users.as("supervisor", () -> residents.details(residentId, "测试核对")).ethnicity())
                .isEqualTo("02");
        assertThat(users.as("auditor", () -> auditLog.about("ResidentConflict", filed.caseNo())))
                .extracting(AuditLog.Entry::eventType)
                .contains("ResidentConflictFiled", "ResidentConflictReviewed", "ResidentDataCorrected");

        // the data now agree: Xuhui's application goes through, and the record stays Chaoyang's
        assertThat(users.as("shclerk", () -> applications.submit(entered)).status())
                .isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(users.as("shclerk", () -> conflicts.get(filed.caseNo())).status())
                .isEqualTo(ResidentConflictStatus.CORRECTED);
        assertThat(jdbc.queryForObject("select region_code from resident where id = ?", String.class, residentId))
                .isEqualTo("110105");
    }
}
