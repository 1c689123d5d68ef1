package cn.healthcard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("APP-03 居民身份证号码: GB 11643 format, province prefix, birth date and check digit")
class IdNumberTest {

    @ParameterizedTest(name = "{0} is valid")
    @CsvSource({
            "11010519491231002X, 1949-12-31, 2, 110105",
            "110105199003071239, 1990-03-07, 1, 110105",
            "11010020171225006X, 2017-12-25, 2, 110100",
            "110105200002291235, 2000-02-29, 1, 110105",
    })
    void validNumbersYieldBirthDateSexAndRegion(String raw, LocalDate birthDate, String sexCode, String regionCode) {
        IdNumber id = IdNumber.parse(raw);

        assertThat(id.value()).isEqualTo(raw);
        assertThat(id.birthDate()).isEqualTo(birthDate);
        assertThat(id.sexCode()).isEqualTo(sexCode);
        assertThat(id.regionCode()).isEqualTo(regionCode);
    }

    @Test
    void lowerCaseXAndSurroundingBlanksAreAccepted() {
        IdNumber id = IdNumber.parse("  11010519491231002x ");

        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id).isEqualTo(IdNumber.parse("11010519491231002X"));
    }

    @Test
    void onlyTheProvincePrefixIsCheckedNotTheFullRegionCode() {
        assertThat(IdNumber.parse("110103198001011235").regionCode())
                .as("崇文区 110103 was abolished in 2010 but numbers issued there stay valid")
                .isEqualTo("110103");
        assertThat(IdNumber.parse("710000199003071233").regionCode()).isEqualTo("710000");
        assertThat(IdNumber.parse("820000199003071247").regionCode()).isEqualTo("820000");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"1101051990030712", "1101051990030712390", "11010519900307123A", "X10105199003071239",
            "110105 199003071239"})
    void wrongLengthOrCharactersAreRefused(String raw) {
        assertRefused(raw, "居民身份证号码应为18位：前17位为数字，最后一位为数字或X");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"990105199003071232", "160105199003071238"})
    void unknownProvincePrefixIsRefused(String raw) {
        assertRefused(raw, "居民身份证号码前两位不是有效的省级行政区划代码");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"110105199002301231", "11010519900229123X"})
    void impossibleBirthDateIsRefused(String raw) {
        assertRefused(raw, "居民身份证号码中的出生日期不是有效日期");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"110105209901011234", "110105189912311237"})
    void birthDateInTheFutureOrBefore1900IsRefused(String raw) {
        assertRefused(raw, "居民身份证号码中的出生日期应在1900年1月1日至今天之间");
    }

    @Test
    void birthOnFirstJanuary1900IsAccepted() {
        assertThat(IdNumber.parse("110105190001011231").birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"110105199003071230", "110105199003071238", "110105194912310021"})
    void wrongCheckDigitIsRefused(String raw) {
        assertRefused(raw, "居民身份证号码校验位错误，请核对号码");
    }

    @Test
    void toStringDoesNotDiscloseTheNumber() {
        assertThat(IdNumber.parse("110105199003071239")).hasToString("1101**********1239");
    }

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> IdNumber.parse(raw))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("documentNumber", message)));
    }
}
