package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Product filing on a real PostgreSQL server (V26 by Flyway): attachments in the database with their hash, the
 * case approved, the catalogue and its export, products in use, counts, revocation.
 */
@PostgresIntegrationTest
class PostgresFilingIT {

    @Autowired FilingService filings;
    @Autowired ManufacturerService manufacturers;
    @Autowired FiledProducts filed;
    @Autowired FilingCatalogue catalogue;
    @Autowired FilingDocuments documents;
    @Autowired ProductsInUse inUse;
    @Autowired FilingStatistics statistics;
    @Autowired TaskInboxService inbox;
    @Autowired UserAdministration userAdmin;
    @Autowired ApiClientAdministration clientAdmin;
    @Autowired TestUsers users;

    @Test
    @DisplayName("FIL-01 FIL-02 FIL-03 STAT-01 filing runs on PostgreSQL: submitted with files, sent back, resubmitted, approved, exported, in use, counted, revoked")
    void onPostgres() {
        FilingFixtures.people(userAdmin, clientAdmin, users);
        ManufacturerView maker = FilingFixtures.boundManufacturer(manufacturers, users, "chipclient",
                "华芯微电子有限公司", ProviderType.CHIP_PROVIDER, ProviderType.COS_DEVELOPER);
        String model = FilingFixtures.model("PG");
        FilingView f = users.as("chipclient", () -> filings.submit(FilingFixtures.application(null,
                ProductType.CHIP, model)));
        String first = FilingFixtures.task(inbox, users, "natsupervisor", f.caseNo(), FilingService.REVIEW_TASK)
                .taskId();
        users.as("natsupervisor", () -> filings.review(first, Review.sendBack("补充说明")));
        users.as("chipclient", () -> filings.resubmit(f.id(), new FilingCompletion("1.2", "补充说明", List.of())));
        String second = FilingFixtures.task(inbox, users, "natsupervisor", f.caseNo(), FilingService.REVIEW_TASK)
                .taskId();
        FilingView done = users.as("natsupervisor", () -> filings.review(second,
                Review.of(Review.Outcome.APPROVE, "予以备案")));
        assertThat(done.status()).isEqualTo(FilingStatus.FILED);
        assertThat(done.manufacturerId()).isEqualTo(maker.id());
        assertThat(filed.isFiled(ProductType.CHIP, maker.creditCode(), model)).isTrue();
        assertThat(users.as("chipclient", () -> filings.download(done.attachments().get(0).id())).content())
                .isEqualTo(FilingFixtures.PDF);
        assertThat(new String(users.as("bjadmin", () -> catalogue.csv(new CatalogueFilter(null, null, model, "华芯",
                null))), java.nio.charset.StandardCharsets.UTF_8)).contains(done.filingNo());
        assertThat(new String(users.as("bjadmin", () -> documents.certificate(f.id())), 0, 5)).isEqualTo("%PDF-");

        users.as("supervisor", () -> inUse.register(done.filingNo(), LocalDate.now().minusDays(1), 10, null));
        assertThat(users.as("admin", inUse::counts)).anySatisfy(c -> {
            assertThat(c.filingNo()).isEqualTo(done.filingNo());
            assertThat(c.regionCode()).isEqualTo("110000");
            assertThat(c.quantity()).isEqualTo(10);
        });
        assertThat(users.as("auditor", statistics::byTypeAndStatus))
                .anySatisfy(c -> assertThat(c.status()).isEqualTo(FilingStatus.FILED));

        users.as("admin", () -> filings.revoke(f.id(), "抽检不合格"));
        assertThat(filed.isFiled(ProductType.CHIP, maker.creditCode(), model)).isFalse();
        assertThatThrownBy(() -> filed.requireFiled(ProductType.CHIP, maker.creditCode(), model, "chipMaker", "chipModel"))
                .isInstanceOf(ConflictException.class);
    }
}
