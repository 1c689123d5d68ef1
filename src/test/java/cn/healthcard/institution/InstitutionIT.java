package cn.healthcard.institution;

import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The register on H2: the scenarios of {@link InstitutionScenarios}. */
@IntegrationTest
class InstitutionIT {

    @Autowired InstitutionService institutions;
    @Autowired InstitutionImport imports;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;

    @BeforeEach
    void setUp() {
        users.run("admin", () -> InstitutionTestData.users(userAdministration));
    }

    @Test
    @DisplayName("ORG-02 a medical institution is registered under the Beijing centre and read back")
    void registerMedical() {
        String code = InstitutionTestData.code("H");
        InstitutionDetails d = users.as("bjadmin",
                () -> institutions.register(InstitutionTestData.medical(code, "110105")));
        assertThat(d.superiorCode()).isEqualTo("BJ-110000");
        assertThat(users.as("bjauditor", () -> institutions.details(code)).creditCode()).isEqualTo(d.creditCode());
    }
}
