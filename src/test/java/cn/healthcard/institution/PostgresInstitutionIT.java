package cn.healthcard.institution;

import cn.healthcard.ehc.TerminalService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The register's scenarios of {@link InstitutionScenarios} on a real PostgreSQL server (V24, JPQL, locks). */
@PostgresIntegrationTest
class PostgresInstitutionIT {

    @Autowired InstitutionService institutions;
    @Autowired InstitutionImport imports;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;
    @Autowired CardApplicationService applications;
    @Autowired TerminalService terminals;

    InstitutionScenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new InstitutionScenarios(institutions, userAdministration, users);
    }

    @Test
    @DisplayName("ORG-02 ORG-05 on PostgreSQL: register, read in scope, not found from another region")
    void registerAndRead() {
        scenarios.registerAndRead();
        scenarios.registerRefused();
    }

    @Test
    @DisplayName("ORG-01 ORG-02 on PostgreSQL: combined query with every filter, paging and scope")
    void search() {
        scenarios.search();
    }

    @Test
    @DisplayName("ORG-01…04 on PostgreSQL: a stale version and the second of two admins at once get 409")
    void modifyAndVersions() throws Exception {
        scenarios.modifyAndVersions();
    }

    @Test
    @DisplayName("ORG-01…04 on PostgreSQL: cancel stops applications at the desk and terminals at the hospital; centres with active institutions below stay")
    void cancel() {
        scenarios.cancel(applications, terminals);
        scenarios.centreWithActiveBelow("450000", "450100", "450103"); // a province no other test uses
    }

    @Test
    @DisplayName("ORG-01 ORG-03 ORG-04 STAT-01 on PostgreSQL: exchange log in seq order, scoped and paged; counts by kind, level and status")
    void changesAndCounts() throws Exception {
        scenarios.changes();
        scenarios.counts();
    }

    @Test
    @DisplayName("ORG-01 on PostgreSQL: two centres for one region at once, one refused; a centre cancelled while one registers below it; a new city centre takes over its city")
    void centresUnderTheLock() throws Exception {
        scenarios.twoCentresAtOnce("130000", "130100");
        scenarios.cancelCentreWhileRegisteringBelow("130000", "130200", "130202");
        scenarios.newCentreTakesOverItsRegion("350000", "350100", "350102", "350203");
        scenarios.importedCentreTakesOverItsRegion(imports, "360000", "360100", "360102");
    }

    @Test
    @DisplayName("INT-01 on PostgreSQL: a file with a bad row writes nothing; the good file writes all rows")
    void importAllOrNothing() {
        String a = InstitutionTestData.code("PA");
        String b = InstitutionTestData.code("PB");
        String header = String.join(",", InstitutionRow.HEADERS);
        String good = String.join(",", a, "甲银行", "金融机构", "110000", "", "张", "010-1", "北京", "王", "", "", "", "");
        String bad = String.join(",", b, "乙银行", "金融机构", "119999", "", "张", "010-1", "北京", "王", "", "", "", "");
        ImportReport rejected = users.as("bjadmin", () -> imports.importFile("p.csv", new ByteArrayInputStream(
                (header + "\n" + good + "\n" + bad + "\n").getBytes(StandardCharsets.UTF_8)), null));
        assertThat(rejected.committed()).isFalse();
        assertThat(users.as("bjadmin", () -> institutions.search(new InstitutionQuery(null, null, null, null, null,
                a, null, null, null), null).total())).isZero();
        ImportReport written = users.as("bjadmin", () -> imports.importFile("p.csv", new ByteArrayInputStream(
                (header + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8)), null));
        assertThat(written.committed()).isTrue();
        assertThat(users.as("bjadmin", () -> institutions.details(a)).superiorCode()).isEqualTo("BJ-110000");
    }
}
