package cn.healthcard.ehc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("EHC-05 healthcard.ehc.verification.repeatable-scenes: which scenes may verify a dynamic code again")
class RepeatableScenesTest {

    @Test
    @DisplayName("EHC-05 comma-separated scene names, case and blanks tolerated, may be empty; an unknown name is a clear start-up error")
    void parse() {
        assertThat(EhcVerificationService.scenes("REGISTRATION, consultation ,RECORD_QUERY"))
                .containsExactlyInAnyOrder(Scene.REGISTRATION, Scene.CONSULTATION, Scene.RECORD_QUERY);
        assertThat(EhcVerificationService.scenes("")).isEmpty();
        assertThat(EhcVerificationService.scenes(null)).isEmpty();
        assertThatThrownBy(() -> EhcVerificationService.scenes("REGISTRATION,SHOPPING"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOPPING")
                .hasMessageContaining("repeatable-scenes");
    }
}
