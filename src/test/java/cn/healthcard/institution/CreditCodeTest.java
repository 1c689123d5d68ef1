package cn.healthcard.institution;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The unified social credit code's check character (GB 32100-2015). */
class CreditCodeTest {

    @Test
    @DisplayName("ORG-02 published credit codes pass: the check character is computed modulo 31 with the standard weights")
    void publishedCodes() {
        // codes printed on business licences (examples used by the standard's commentaries and public registers)
        assertThat(CreditCode.problem("91350100M000100Y43")).isEmpty();
        assertThat(CreditCode.problem("121000004000000010")).isEmpty(); // check value 31 is written 0
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    @DisplayName("ORG-02 a wrong check character, length, forbidden letter or non-digit region is refused naming 统一社会信用代码")
    void refused() {
        assertThat(CreditCode.problem("91350100M000100Y44")).hasValueSatisfying(m -> assertThat(m).contains("校验位"));
        assertThat(CreditCode.problem("91350100M000100Y4")).hasValueSatisfying(m -> assertThat(m).contains("18位"));
        assertThat(CreditCode.problem(null)).isPresent();
        assertThat(CreditCode.problem("9135010OM000100Y43")).hasValueSatisfying(m -> assertThat(m)
                .contains("第8位").contains("统一社会信用代码"));
        assertThat(CreditCode.problem("91A50100M000100Y43")).hasValueSatisfying(m -> assertThat(m).contains("第3–8位"));
        assertThat(CreditCode.problem("91350100m000100Y43")).isPresent(); // lower case is not in the set
    }

    @Test
    @DisplayName("ORG-02 every check character round-trips: a code made with checkCharacter is valid, any other last character is not")
    void roundTrip() {
        String first16 = "1211010540000000";
        for (char c : CreditCode.CHARSET.toCharArray()) {
            String body = first16 + c;
            char check = CreditCode.checkCharacter(body);
            assertThat(CreditCode.isValid(body + check)).isTrue();
            for (char other : CreditCode.CHARSET.toCharArray()) {
                if (other != check) {
                    assertThat(CreditCode.isValid(body + other)).isFalse();
                }
            }
        }
    }
}
