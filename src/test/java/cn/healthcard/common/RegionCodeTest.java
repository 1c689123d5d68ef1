package cn.healthcard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("APP-03 GB/T 2260 region codes: level, scope prefix and region scoping")
class RegionCodeTest {

    @ParameterizedTest(name = "{0} is a {1} with scope {2}")
    @CsvSource({
            "110000, PROVINCE, 11",
            "110100, CITY, 1101",
            "110105, COUNTY, 110105",
            "419001, COUNTY, 419001",
    })
    void levelAndScopePrefixFollowTheShapeOfTheCode(String code, RegionCode.Level level, String scopePrefix) {
        RegionCode region = RegionCode.of(code);

        assertThat(region.level()).isEqualTo(level);
        assertThat(region.scopePrefix()).isEqualTo(scopePrefix);
    }

    @Test
    void aRegionCoversItselfAndTheRegionsBelowIt() {
        RegionCode beijing = RegionCode.of("110000");
        RegionCode beijingCity = RegionCode.of("110100");
        RegionCode chaoyang = RegionCode.of("110105");

        assertThat(beijing.covers(beijing)).isTrue();
        assertThat(beijing.covers(beijingCity)).isTrue();
        assertThat(beijing.covers(chaoyang)).isTrue();
        assertThat(beijingCity.covers(chaoyang)).isTrue();
        assertThat(chaoyang.covers(chaoyang)).isTrue();
    }

    @Test
    void aRegionDoesNotCoverRegionsAboveOrBesideIt() {
        assertThat(RegionCode.of("110105").covers(RegionCode.of("110000"))).isFalse();
        assertThat(RegionCode.of("110105").covers(RegionCode.of("110106"))).isFalse();
        assertThat(RegionCode.of("110100").covers(RegionCode.of("120101"))).isFalse();
        assertThat(RegionCode.of("320100").covers(RegionCode.of("320205"))).isFalse();
        assertThat(RegionCode.of("320000").covers(RegionCode.of("110000"))).isFalse();
    }

    @Test
    void surroundingBlanksAreIgnoredAndEqualityIsByValue() {
        assertThat(RegionCode.of(" 110105 ")).isEqualTo(new RegionCode("110105")).hasToString("110105");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"11010", "1101050", "11010a", "１１０１０５"})
    void anythingButSixDigitsIsRefused(String raw) {
        assertThatThrownBy(() -> RegionCode.of(raw))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("regionCode", "行政区划代码应为6位数字")));
    }
}
