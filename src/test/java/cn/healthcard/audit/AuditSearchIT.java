package cn.healthcard.audit;

import cn.healthcard.audit.internal.LocalElasticsearch;
import cn.healthcard.card.CardService;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.CardRequestScenarios;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.healthcard.support.CardRequestScenarios.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of audit search against the real Elasticsearch projection, on one card's whole story: application,
 * review, production, pick-up, a reviewed loss report.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditSearchIT {

    @Autowired AuditSearch search;
    @Autowired AuditLog auditLog;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired CardApplicationService applications;
    @Autowired CardRequestService requests;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired LocalElasticsearch elasticsearchServer;

    ResidentData holder;
    String cardNo;
    String applicationId;
    String lossRequestId;

    @BeforeEach
    void oneCardStory() {
        if (cardNo != null) {
            return;
        }
        elasticsearchServer.awaitStarted(Duration.ofMinutes(5)); // started in the background with the application
        var issuing = new CardApplicationScenarios(applications, inbox, cards, users);
        var scenario = new CardRequestScenarios(requests, inbox, users);
        holder = TestResidents.newResident("欧阳审计");
        var issued = issuing.issue(holder);
        cardNo = issued.cardNo();
        applicationId = issued.applicationId();
        lossRequestId = scenario.submit("clerk", RequestType.LOSS_REPORT, form(cardNo, holder, "lossReason",
                "钱包被盗", "lossDate", LocalDate.now().minusDays(1))).requestId();
        scenario.review("supervisor", lossRequestId, "APPROVE", "核实为本人在地铁站遗失");
        scenario.awaitStatus(lossRequestId, RequestStatus.COMPLETED);
        // the projection runs every 300 ms in the tests: wait until the whole story is searchable
        Eventually.await("the loss report in the index", Duration.ofSeconds(30),
                () -> hits(AuditQuery.everything().withCardNo(cardNo)),
                hits -> hits.stream().anyMatch(h -> "CardRequestCompleted".equals(h.eventType())));
    }

    @Test
    @DisplayName("APP-13 search by card number finds the card's production, pick-up and lifecycle entries")
    void byCardNumber() {
        List<AuditHit> found = hits(AuditQuery.everything().withCardNo(cardNo));
        assertThat(found).extracting(AuditHit::eventType).contains("CardReadyForPickup", "CardPickedUp",
                "CardStatusChanged", "CardRequestSubmitted", "CardRequestReviewed", "CardRequestCompleted");
        assertThat(found).allSatisfy(h -> assertThat(h.cardNo()).isEqualTo(cardNo));
    }

    @Test
    @DisplayName("APP-13 SEC-02 search by document type and number goes through the keyed hash and shows masks only")
    void byDocument() {
        List<AuditHit> found = hits(AuditQuery.everything().withDocument("01", holder.documentNumber()));
        assertThat(found).extracting(AuditHit::eventType).contains("CardApplicationSubmitted",
                "CardApplicationReviewed", "CardPickedUp", "CardRequestReviewed");
        assertThat(found).allSatisfy(h -> {
            assertThat(h.nameMasked()).isEqualTo(cn.healthcard.common.Masking.name(holder.name())).isEqualTo("欧**计");
            assertThat(h.documentNumberMasked()).startsWith(holder.documentNumber().substring(0, 4))
                    .contains("**********").doesNotContain(holder.documentNumber());
        });
        assertThat(hits(AuditQuery.everything().withDocument("01", TestResidents.newResident("某人")
                .documentNumber()))).isEmpty();
    }

    @Test
    @DisplayName("SEC-02 neither the full name nor the document number is anywhere in the index in plaintext")
    void noPlaintextInTheIndex() throws IOException {
        var response = elasticsearch.search(s -> s.index("healthcard-audit*").size(1000)
                .query(q -> q.term(t -> t.field("cardNo").value(cardNo))), Map.class);
        assertThat(response.hits().hits()).isNotEmpty();
        response.hits().hits().forEach(h -> assertThat(h.source().toString())
                .doesNotContain(holder.documentNumber()).doesNotContain(holder.name()));
    }

    @Test
    @DisplayName("APP-13 search by full name finds the resident's entries; a partial name finds nothing")
    void byName() {
        assertThat(hits(AuditQuery.everything().withName(holder.name()))).extracting(AuditHit::eventType)
                .contains("CardApplicationSubmitted", "CardRequestCompleted");
        assertThat(hits(AuditQuery.everything().withName("欧阳"))).isEmpty();
    }

    @Test
    @DisplayName("APP-13 search by institution, event type and operator: who reviewed what")
    void byInstitutionEventTypeAndActor() {
        List<AuditHit> found = hits(AuditQuery.everything().withCardNo(cardNo).withInstitution("BJ-110105")
                .withEventType("CardRequestReviewed").withActor("supervisor"));
        assertThat(found).singleElement().satisfies(h -> {
            assertThat(h.caseRef()).isEqualTo(lossRequestId);
            assertThat(h.detail()).contains("核实为本人在地铁站遗失");
        });
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withActor("clerk2"))).isEmpty();
    }

    @Test
    @DisplayName("APP-13 SEC-02 search by region: the region and below; a region outside the user's scope is refused")
    void byRegion() {
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withRegion("110000"))).isNotEmpty();
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withRegion("110101"))).isEmpty();
        assertThatThrownBy(() -> users.as("auditor", () -> search.search(AuditQuery.everything().withRegion("310000"),
                0, 10, AuditPage.Sort.NEWEST_FIRST)))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("不在您的管辖范围内");
        // a supervisor of 110105 sees this card (110105) but nothing of Shanghai
        assertThat(users.as("supervisor", () -> search.search(AuditQuery.everything().withCardNo(cardNo), 0, 50,
                AuditPage.Sort.NEWEST_FIRST)).hits()).allSatisfy(h -> assertThat(h.regionCode()).startsWith("110105"));
    }

    @Test
    @DisplayName("APP-13 search by date range (China days, inclusive)")
    void byPeriod() {
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withPeriod(today, today))).isNotEmpty();
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withPeriod(today.plusDays(1), null))).isEmpty();
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withPeriod(null, today.minusDays(1)))).isEmpty();
    }

    @Test
    @DisplayName("APP-13 free text in reasons matches Chinese words as a phrase")
    void byText() {
        assertThat(hits(AuditQuery.everything().withText("地铁站遗失"))).extracting(AuditHit::caseRef)
                .contains(lossRequestId);
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo).withText("遗失地铁站"))).isEmpty();
    }

    @Test
    @DisplayName("APP-13 results are paged and sorted, with the exact total")
    void pagingAndSorting() {
        AuditQuery query = AuditQuery.everything().withCardNo(cardNo);
        AuditPage first = users.as("auditor", () -> search.search(query, 0, 3, AuditPage.Sort.OLDEST_FIRST));
        AuditPage second = users.as("auditor", () -> search.search(query, 1, 3, AuditPage.Sort.OLDEST_FIRST));
        AuditPage newest = users.as("auditor", () -> search.search(query, 0, 3, AuditPage.Sort.NEWEST_FIRST));
        assertThat(first.total()).isGreaterThan(6).isEqualTo(second.total());
        assertThat(first.hits()).hasSize(3);
        assertThat(first.hits().get(2).id()).isLessThan(second.hits().get(0).id());
        assertThat(newest.hits().get(0).id()).isGreaterThan(first.hits().get(0).id());
        List<String> types = users.as("auditor", () -> search.search(query, 0, 50, AuditPage.Sort.EVENT_TYPE))
                .hits().stream().map(AuditHit::eventType).toList();
        assertThat(types).isSorted();
    }

    @Test
    @DisplayName("SEC-03 bad filters are refused with the field named, and clerks cannot search the trail at all")
    void badInputAndRoles() {
        assertThatThrownBy(() -> users.as("auditor", () -> search.search(AuditQuery.everything()
                .withDocument("01", null), 0, 10, null)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("documentNumber"));
        assertThatThrownBy(() -> users.as("auditor", () -> search.search(AuditQuery.everything()
                .withPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)).withCardNo("x y"), 0, 10, null)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("cardNo", "from"));
        assertThatThrownBy(() -> users.as("auditor", () -> search.search(AuditQuery.everything(), 0, 500, null)))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.as("clerk", () -> search.search(AuditQuery.everything(), 0, 10, null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @DisplayName("SEC-03 every search is itself on record, with the document number masked")
    void searchesAreAudited() {
        hits(AuditQuery.everything().withDocument("01", holder.documentNumber()));
        List<AuditLog.Entry> trail = users.as("auditor", () -> auditLog.about("AuditTrail", "auditor"));
        assertThat(trail).last().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("AuditSearched");
            assertThat(e.detail()).contains("document=" + holder.documentNumber().substring(0, 4))
                    .doesNotContain(holder.documentNumber());
        });
    }

    @Test
    @DisplayName("APP-13 the card's case timeline runs from application through review, production and pick-up to "
            + "the reviewed loss report")
    void timeline() {
        List<AuditLog.Entry> timeline = users.as("auditor", () -> auditLog.timeline(cardNo));
        assertThat(timeline).extracting(AuditLog.Entry::eventType).containsSubsequence(
                "CardApplicationSubmitted", "CardApplicationReviewed", "CardProductionRequested", "CardReadyForPickup",
                "CardPickedUp", "CardRequestSubmitted", "CardRequestReviewed", "CardRequestCompleted");
        assertThat(timeline).filteredOn(e -> e.eventType().endsWith("Reviewed")).extracting(AuditLog.Entry::actor)
                .containsOnly("supervisor");
        assertThat(timeline).extracting(AuditLog.Entry::caseRef).contains(applicationId, lossRequestId);
        assertThat(timeline).extracting(AuditLog.Entry::id).isSorted();
    }

    @Test
    @DisplayName("APP-13 before the first projection round (no index yet) a search finds nothing instead of failing")
    void noIndexYet() throws IOException {
        elasticsearch.indices().delete(d -> d.index("healthcard-audit").ignoreUnavailable(true));
        try {
            assertThat(users.as("auditor", () -> search.search(AuditQuery.everything().withCardNo(cardNo), 0, 10,
                    null)).hits()).isEmpty();
        } finally {
            assertThat(users.as("admin", auditLog::rebuildSearchIndex)).isPositive();
        }
        assertThat(hits(AuditQuery.everything().withCardNo(cardNo))).isNotEmpty();
    }

    private List<AuditHit> hits(AuditQuery query) {
        List<AuditHit> all = new ArrayList<>();
        users.as("auditor", () -> search.export(query, 5000, all::add));
        return all;
    }
}
