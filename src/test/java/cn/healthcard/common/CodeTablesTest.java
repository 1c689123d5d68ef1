package cn.healthcard.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.common.CodeTable.Code;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("APP-03 national code tables: document types, sexes, ethnic groups, GB/T 2260 regions")
class CodeTablesTest {

    @Test
    void documentTypesAreThoseOfCv0201101InOrder() {
        CodeTable table = CodeTables.documentTypes();

        assertThat(table.codes()).extracting(Code::code)
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "99");
        assertThat(table.name("01")).contains("居民身份证");
        assertThat(table.name("99")).contains("其他法定有效证件");
        assertThat(table.contains("08")).isFalse();
        assertThat(table.version()).isEqualTo("cv02-01-101-document-type");
    }

    @Test
    void sexesAreThoseOfGbT2261() {
        CodeTable table = CodeTables.sexes();

        assertThat(table.codes()).extracting(Code::code).containsExactly("0", "1", "2", "9");
        assertThat(table.name("1")).contains("男性");
        assertThat(table.name("2")).contains("女性");
    }

    @Test
    void ethnicitiesAreThe56GroupsPlus97And98() {
        CodeTable table = CodeTables.ethnicities();

        String[] expected = IntStream.rangeClosed(1, 56).mapToObj(i -> String.format("%02d", i)).toArray(String[]::new);
        assertThat(table.codes()).hasSize(58).extracting(Code::code).startsWith(expected).endsWith("97", "98");
        assertThat(table.name("01")).contains("汉族");
        assertThat(table.name("56")).contains("基诺族");
        assertThat(table.name("98")).contains("外国血统中国籍人士");
    }

    @Test
    void regionsHaveNamesLevelsAndParents() {
        RegionTable table = CodeTables.regions();

        assertThat(table.version()).isEqualTo("gb2260-2021");
        assertThat(table.regions()).hasSizeGreaterThan(3200);
        assertThat(table.name("110105")).contains("朝阳区");
        assertThat(table.level("110105")).contains(RegionCode.Level.COUNTY);
        assertThat(table.name("320100")).contains("南京市");
        assertThat(table.level("320100")).contains(RegionCode.Level.CITY);
        assertThat(table.parent("320102")).contains("320100");
        assertThat(table.parent("320100")).contains("320000");
        assertThat(table.parent("320000")).isEmpty();
        assertThat(table.contains("110103")).as("abolished in 2010").isFalse();
        assertThat(table.parent("999999")).isEmpty();
    }

    @Test
    void municipalityCountiesHaveTheProvinceAsParent() {
        RegionTable table = CodeTables.regions();

        assertThat(table.contains("110100")).isFalse();
        assertThat(table.find("110105")).map(RegionTable.Region::parent).contains("110100");
        assertThat(table.parent("110105")).contains("110000");
        assertThat(table.parent("120101")).contains("120000");
        assertThat(table.parent("310101")).contains("310000");
        assertThat(table.parent("500101")).contains("500000");
    }

    @Test
    void everyRegionParentResolvesAndEveryLevelMatchesTheShapeOfItsCode() {
        RegionTable table = CodeTables.regions();

        assertThat(table.regions()).allSatisfy(region -> {
            assertThat(region.level()).isEqualTo(RegionCode.of(region.code()).level());
            if (region.level() != RegionCode.Level.PROVINCE) {
                assertThat(table.parent(region.code())).isPresent();
            }
        });
    }

    @Test
    void tablesAreLoadedOnce() {
        assertThat(CodeTables.regions()).isSameAs(CodeTables.regions());
        assertThat(CodeTables.documentTypes()).isSameAs(CodeTables.documentTypes());
    }

    @org.junit.jupiter.api.Test
    void fullNamesReadTopDownAsOnDocuments() {
        assertThat(CodeTables.regions().fullName("110105")).isEqualTo("北京市朝阳区");
        assertThat(CodeTables.regions().fullName("440106")).isEqualTo("广东省广州市天河区");
        assertThat(CodeTables.regions().fullName("999999")).isEqualTo("999999");
    }
}
