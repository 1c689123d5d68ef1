package cn.healthcard.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SEC-02 masking of personal data shown to people who need only to recognise it")
class MaskingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "王, 王",
            "张三, 张*",
            "张小三, 张*三",
            "欧阳小明, 欧**明",
            "阿卜杜·热合曼, 阿*****曼",
            "𠮷田, 𠮷*",
    })
    void namesKeepFirstAndLastCharacter(String name, String masked) {
        assertThat(Masking.name(name)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "11010519491231002X, 1101**********002X",
            "E12345678, E123*5678",
            "12345678, ********",
    })
    void documentNumbersKeepFirstFourAndLastFour(String number, String masked) {
        assertThat(Masking.documentNumber(number)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "13812345678, 138****5678",
            "01012345678, 010****5678",
            "1234567, *******",
    })
    void phonesKeepFirstThreeAndLastFour(String phone, String masked) {
        assertThat(Masking.phone(phone)).isEqualTo(masked);
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.documentNumber(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.name("")).isEmpty();
        assertThat(Masking.documentNumber("")).isEmpty();
        assertThat(Masking.phone("")).isEmpty();
    }
}
