package cn.healthcard.shell.web;

import cn.healthcard.crypto.PersonalDataBinding;
import cn.healthcard.crypto.PersonalDataIntegrityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemHandlerTest {

    @Test
    @DisplayName("SEC-02 stored personal data failing its binding check answers 500 PERSONAL_DATA_INTEGRITY without the table, row or data")
    void integrityProblemNamesNothing() {
        var binding = PersonalDataBinding.of("resident", "name_enc", "3f1c0f2e-resident-row");
        var problem = new ApiProblemHandler().integrity(
                new PersonalDataIntegrityException(binding, "tag mismatch", new IllegalStateException()));

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.value());
        assertThat(problem.getProperties()).containsEntry("code", "PERSONAL_DATA_INTEGRITY");
        assertThat(problem.getDetail()).contains("完整性").doesNotContain("resident").doesNotContain("3f1c0f2e")
                .doesNotContain("name_enc");
    }

    @Test
    @DisplayName("INT-06 a change lost to a concurrent transaction (optimistic version) answers 409 CONCURRENT_CHANGE, not 500")
    void concurrentChangeIsAConflict() {
        var problem = new ApiProblemHandler().concurrentChange(
                new org.springframework.orm.ObjectOptimisticLockingFailureException("StockItem", "640104000000000007"));

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.CONFLICT.value());
        assertThat(problem.getProperties()).containsEntry("code", "CONCURRENT_CHANGE");
        assertThat(problem.getDetail()).contains("请刷新后重试").doesNotContain("StockItem");
    }
}
