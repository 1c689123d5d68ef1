package cn.healthcard.filing;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filing rules without Spring: completeness, file types by their first bytes, CSV cells, the regional roll-up. */
class FilingRulesTest {

    private static List<String> fields(Runnable check) {
        try {
            check.run();
        } catch (DomainValidationException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        return List.of();
    }

    @Test
    @DisplayName("FIL-01 a complete application passes; without a test report, with a mislabelled file or an overlong model it is refused by field")
    void completeness() {
        assertThat(fields(() -> FilingRules.checkApplication(FilingFixtures.application("m", ProductType.CHIP,
                "HX-100")))).isEmpty();
        assertThat(fields(() -> FilingRules.checkApplication(new FilingApplication("m", ProductType.CHIP, "HX-100",
                "1", null, List.of(new NewAttachment(AttachmentKind.CERTIFICATE, "c.pdf", "application/pdf",
                FilingFixtures.PDF)))))).containsExactly("attachments");
        assertThat(fields(() -> FilingRules.checkApplication(new FilingApplication("m", null, "M".repeat(65), null,
                null, List.of(new NewAttachment(AttachmentKind.CERTIFICATE, "c.pdf", "image/png",
                FilingFixtures.PDF), new NewAttachment(AttachmentKind.TEST_REPORT, "t.png", "image/png",
                FilingFixtures.PNG))))))
                .containsExactly("productType", "model", "productVersion", "attachments[0].contentType");
    }

    @Test
    @DisplayName("FIL-01 a file is what its first bytes say: PDF, PNG, JPEG; nothing else")
    void fileTypes() {
        assertThat(FilingRules.matchesType("application/pdf", FilingFixtures.PDF)).isTrue();
        assertThat(FilingRules.matchesType("image/png", FilingFixtures.PNG)).isTrue();
        assertThat(FilingRules.matchesType("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isTrue();
        assertThat(FilingRules.matchesType("image/png", FilingFixtures.PDF)).isFalse();
        assertThat(FilingRules.matchesType("text/html", "<html>".getBytes())).isFalse();
    }

    @Test
    @DisplayName("FIL-01 a manufacturer needs an 18-character credit code and at least one provider type")
    void manufacturer() {
        assertThat(fields(() -> FilingRules.checkManufacturer(new ManufacturerRegistration("某公司", "123",
                Set.of(), "李", "x", "bad client!")))).containsExactly("creditCode", "providerTypes", "contactPhone",
                "apiClientId");
        assertThatThrownBy(() -> FilingRules.checkManufacturer(new ManufacturerRegistration(" ", null, null, null,
                null, null))).isInstanceOf(DomainValidationException.class);
    }

    @Test
    @DisplayName("FIL-02 exported CSV cells are quoted and a leading formula character is neutralised")
    void csvCells() {
        assertThat(FilingCatalogue.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(FilingCatalogue.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(FilingCatalogue.csvCell("HX-100")).isEqualTo("HX-100");
    }

    @Test
    @DisplayName("FIL-03 counts roll up to the regions directly below the viewer's: national → province, province → city, city → county")
    void rollUp() {
        assertThat(ProductsInUse.below(RegionCode.NATIONAL, "110105")).isEqualTo("110000");
        assertThat(ProductsInUse.below(RegionCode.of("110000"), "110105")).isEqualTo("110100");
        assertThat(ProductsInUse.below(RegionCode.of("110100"), "110105")).isEqualTo("110105");
    }
}
