package cn.healthcard.institution;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The register on H2: the scenarios of {@link InstitutionScenarios}. */
@IntegrationTest
class InstitutionIT {

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;
    @Autowired CardApplicationService applications;
    @Autowired TerminalService terminals;
    @Autowired InstitutionImport imports;
    @Autowired AuditLog audit;

    InstitutionScenarios scenarios;

    @BeforeEach
    void setUp() {
        scenarios = new InstitutionScenarios(institutions, userAdministration, users);
    }

    @Test
    @DisplayName("ORG-02 ORG-05 a medical institution is registered under its centre, read in its region and below, not found from another region, refused to a clerk")
    void registerAndRead() {
        scenarios.registerAndRead();
    }

    @Test
    @DisplayName("ORG-05 register is refused to a non-admin, for another region, for the national region and with an overlong code")
    void registerRefused() {
        scenarios.registerRefused();
    }

    @Test
    @DisplayName("ORG-01 ORG-02 combined query by name, kind, nature, region with sub-regions, category, code, registration date and status, paged, within the caller's region only")
    void search() {
        scenarios.search();
    }

    @Test
    @DisplayName("ORG-01…04 modify with the version read: a stale version and the second of two admins at once get 409; code, kind and region outside scope refused")
    void modifyAndVersions() throws Exception {
        scenarios.modifyAndVersions();
    }

    @Test
    @DisplayName("ORG-01…04 cancel keeps row and history and stops new business: no application at a cancelled desk, no terminal for a cancelled hospital; replay and other region refused")
    void cancel() {
        scenarios.cancel(applications, terminals);
    }

    @Test
    @DisplayName("ORG-01 a city centre sits under its provincial centre and cannot be cancelled while institutions below it are active")
    void centreWithActiveBelow() {
        scenarios.centreWithActiveBelow("450000", "450100", "450103"); // a province no other test uses
    }

    @Test
    @DisplayName("ORG-01 two admins registering a centre for the same region at once: one is registered, the other refused naming regionCode")
    void twoCentresAtOnce() throws Exception {
        scenarios.twoCentresAtOnce("130000", "130100");
    }

    @Test
    @DisplayName("ORG-01 a centre cancelled while an institution is registered below it: no active institution is left under a cancelled centre")
    void cancelCentreWhileRegisteringBelow() throws Exception {
        scenarios.cancelCentreWhileRegisteringBelow("130000", "130200", "130202");
    }

    @Test
    @DisplayName("ORG-01 a new city centre takes over the active institutions of its city from the provincial centre, each move logged; a modify as read then passes")
    void newCentreTakesOverItsRegion() {
        scenarios.newCentreTakesOverItsRegion("350000", "350100", "350102", "350203");
    }

    @Test
    @DisplayName("ORG-01 INT-01 a city centre imported from a file takes over the active institutions of its city, each move logged")
    void importedCentreTakesOverItsRegion() {
        scenarios.importedCentreTakesOverItsRegion(imports, "360000", "360100", "360102");
    }

    @Test
    @DisplayName("ORG-01 ORG-03 ORG-04 every change is in the exchange log in seq order with the new state as JSON, paged by since/limit, scoped to the region")
    void changes() throws Exception {
        scenarios.changes();
    }

    @Test
    @DisplayName("STAT-01 counts by kind, centre level and status within a region; another region's counts not found")
    void counts() {
        scenarios.counts();
    }

    @Test
    @DisplayName("ORG-01…04 INT-01 every register, modify and cancel is audited once; an import is one audit entry naming its exchange-log range")
    void audited() {
        String code = InstitutionTestData.code("AU");
        InstitutionForm form = InstitutionTestData.of(InstitutionKind.CARD_MAKER, code, "110000");
        users.run("bjadmin", () -> {
            institutions.register(form);
            institutions.modify(code, 0, InstitutionTestData.renamed(form, "审计改名"));
            institutions.cancel(code, 1, "审计注销");
        });
        assertThat(users.as("auditor", () -> audit.about("Institution", code))).extracting(AuditLog.Entry::eventType)
                .containsExactly("InstitutionRegistered", "InstitutionModified", "InstitutionCancelled");
        String source = InstitutionTestData.code("audit-import");
        String bank = InstitutionTestData.code("AUB");
        ImportReport report = users.as("bjadmin", () -> imports.importRows(source, List.of(InstitutionRow.of(0,
                List.of(bank, "审计银行", "FINANCIAL", "110000", "", "张", "010-1", "北京", "王"))), null));
        assertThat(report.committed()).isTrue();
        assertThat(users.as("auditor", () -> audit.about("InstitutionImport", source)))
                .extracting(AuditLog.Entry::eventType).containsExactly("InstitutionsImported");
        assertThat(users.as("auditor", () -> audit.about("Institution", bank))).isEmpty();
    }
}
