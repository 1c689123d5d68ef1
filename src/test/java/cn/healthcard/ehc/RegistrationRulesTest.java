package cn.healthcard.ehc;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.support.TestResidents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static cn.healthcard.ehc.EhcChannel.APP;
import static cn.healthcard.ehc.EhcChannel.BULK_JOB;
import static cn.healthcard.ehc.EhcChannel.DESK;
import static cn.healthcard.ehc.EhcChannel.INSTITUTION_TERMINAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The e-card registration rules without Spring: documents (type, GB 11643 number, other documents as printable ASCII
 * for the e-card ID) and a registration as a whole, one row per case with the fields a refusal must name.
 */
@DisplayName("EHC-01…EHC-03 e-card registration rules: documents and registrations, accepted or refused naming the field")
class RegistrationRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate BORN = LocalDate.of(1990, 3, 7);
    private static final String FEMALE_ID = TestResidents.idNumber(BORN, "2");
    private static final LocalDate FEMALE_BORN = LocalDate.parse(FEMALE_ID.substring(6, 10) + "-"
            + FEMALE_ID.substring(10, 12) + "-" + FEMALE_ID.substring(12, 14));

    static Stream<Arguments> documents() {
        String lowerX = FEMALE_ID.endsWith("X") ? FEMALE_ID.toLowerCase() : FEMALE_ID;
        String wrongCheck = FEMALE_ID.substring(0, 17) + (FEMALE_ID.charAt(17) == '0' ? "1" : "0");
        return Stream.of(
                Arguments.of("EHC-02", new DocumentRef("01", FEMALE_ID), List.of()),
                Arguments.of("EHC-02", new DocumentRef("01", " " + lowerX + " "), List.of()),
                Arguments.of("EHC-02", new DocumentRef("01", wrongCheck), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("01", FEMALE_ID.substring(0, 17)), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("03", "e1234567"), List.of()),
                Arguments.of("EHC-02", new DocumentRef("06", "H0123456(7)"), List.of()),
                Arguments.of("EHC-02", new DocumentRef("03", "E12"), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("03", "E1234567" + "8".repeat(25)), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("03", "护照E1234567"), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("03", "E123 4567"), List.of("documentNumber")),
                Arguments.of("EHC-02", new DocumentRef("03", "（E1234567）"), List.of("documentNumber")),
                Arguments.of("EHC-01", new DocumentRef("88", "E1234567"), List.of("documentType")),
                Arguments.of("EHC-01", new DocumentRef(" ", "E1234567"), List.of("documentType")),
                Arguments.of("EHC-01", new DocumentRef(null, FEMALE_ID), List.of("documentType")),
                Arguments.of("EHC-01", new DocumentRef("01", " "), List.of("documentNumber")),
                Arguments.of("EHC-01", null, List.of("documentType")));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("documents")
    @DisplayName("EHC-01 EHC-02 a document: a known type, a valid 居民身份证 number or 5–32 ASCII letters, digits, "
            + "brackets and hyphens")
    void document(String requirement, DocumentRef document, List<String> fields) {
        List<FieldViolation> violations = new ArrayList<>();
        RegistrationRules.CheckedDocument checked = RegistrationRules.document(document, "document", violations);
        assertThat(violations.stream().map(FieldViolation::field).distinct()).containsExactlyElementsOf(fields);
        if (fields.isEmpty()) {
            assertThat(checked.number()).isEqualTo(document.number().trim().toUpperCase());
            assertThat(checked.type()).isEqualTo(document.type());
        } else {
            assertThat(checked).isNull();
        }
    }

    @Test
    @DisplayName("EHC-02 a 居民身份证 gives its sex and birth date; other documents give neither")
    void documentFacts() {
        var id = RegistrationRules.document(new DocumentRef("01", FEMALE_ID), "document", new ArrayList<>());
        assertThat(id.sex()).isEqualTo("2");
        assertThat(id.birthDate()).isEqualTo(FEMALE_BORN);
        var passport = RegistrationRules.document(new DocumentRef("03", "E1234567"), "sameAsDocument",
                new ArrayList<>());
        assertThat(passport.sex()).isNull();
        assertThat(passport.birthDate()).isNull();
        List<FieldViolation> named = new ArrayList<>();
        RegistrationRules.document(new DocumentRef("03", "E1"), "sameAsDocument", named);
        assertThat(named).extracting(FieldViolation::field).containsExactly("sameAsDocumentNumber");
    }

    private static EhcRegistration valid() {
        return new EhcRegistration(new DocumentRef("01", FEMALE_ID), "李四", null, null, null, APP, "app-001");
    }

    private static EhcRegistration passport() {
        return new EhcRegistration(new DocumentRef("03", "E1234567"), "Maria Garcia", "2", LocalDate.of(1988, 1, 2),
                null, INSTITUTION_TERMINAL, null);
    }

    private static Arguments row(String requirement, String label, EhcRegistration base,
                                 UnaryOperator<EhcRegistration> change, List<String> fields) {
        return Arguments.of(requirement, label, change.apply(base), fields);
    }

    static Stream<Arguments> registrations() {
        List<String> none = List.of();
        return Stream.of(
                row("EHC-03", "居民身份证 by an app", valid(), r -> r, none),
                row("EHC-03", "passport at a terminal", passport(), r -> r, none),
                row("EHC-03", "居民身份证 with agreeing sex and birth date", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), "2", FEMALE_BORN, null, r.channel(),
                                r.clientId()), none),
                row("EHC-03", "sex against the ID number", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), "1", null, null, r.channel(),
                                r.clientId()), List.of("sex")),
                row("EHC-03", "birth date against the ID number", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, FEMALE_BORN.plusDays(1), null,
                                r.channel(), r.clientId()), List.of("birthDate")),
                row("EHC-03", "no sex or birth date for a passport", passport(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, r.channel(), null),
                        List.of("sex", "birthDate")),
                row("EHC-03", "unknown sex code", passport(),
                        r -> new EhcRegistration(r.document(), r.name(), "3", r.birthDate(), null, r.channel(), null),
                        List.of("sex")),
                row("EHC-03", "born tomorrow", passport(),
                        r -> new EhcRegistration(r.document(), r.name(), r.sex(), LocalDate.of(2026, 12, 7), null,
                                r.channel(), null), List.of("birthDate")),
                row("EHC-03", "born before 1900", passport(),
                        r -> new EhcRegistration(r.document(), r.name(), r.sex(), LocalDate.of(1899, 12, 31), null,
                                r.channel(), null), List.of("birthDate")),
                row("EHC-03", "no name", valid(),
                        r -> new EhcRegistration(r.document(), " ", null, null, null, r.channel(), r.clientId()),
                        List.of("name")),
                row("APP-03", "Latin name on a 居民身份证", valid(),
                        r -> new EhcRegistration(r.document(), "Li Si", null, null, null, r.channel(), r.clientId()),
                        List.of("name")),
                row("APP-03", "markup in the name", passport(),
                        r -> new EhcRegistration(r.document(), "<b>Maria</b>", r.sex(), r.birthDate(), null,
                                r.channel(), null), List.of("name")),
                row("EHC-03", "desk channel", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, DESK, null),
                        List.of("channel")),
                row("EHC-03", "bulk job channel", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, BULK_JOB, null),
                        List.of("channel")),
                row("EHC-03", "no channel", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, null, null),
                        List.of("channel")),
                row("EHC-03", "client id of 65 characters", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, APP, "a".repeat(65)),
                        List.of("clientId")),
                row("EHC-03", "client id with a space", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, null, APP, "app 001"),
                        List.of("clientId")),
                row("EHC-01", "another document of the same person", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null,
                                new DocumentRef("03", "E1234567"), APP, null), none),
                row("EHC-01", "the same document twice", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null,
                                new DocumentRef("01", FEMALE_ID.toLowerCase()), APP, null),
                        List.of("sameAsDocumentNumber")),
                row("EHC-01", "a bad second document", valid(),
                        r -> new EhcRegistration(r.document(), r.name(), null, null, new DocumentRef("77", "x"),
                                APP, null), List.of("sameAsDocumentType")),
                row("EHC-02", "no document", valid(),
                        r -> new EhcRegistration(null, r.name(), null, null, null, APP, null),
                        List.of("documentType", "sex", "birthDate")));
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @MethodSource("registrations")
    @DisplayName("EHC-01 EHC-03 APP-03 a registration is refused with every bad field named, or accepted")
    void registration(String requirement, String label, EhcRegistration registration, List<String> fields) {
        if (fields.isEmpty()) {
            RegistrationRules.Checked checked = RegistrationRules.registration(registration, CLOCK);
            assertThat(checked.name()).isEqualTo(registration.name().trim());
        } else {
            assertThatThrownBy(() -> RegistrationRules.registration(registration, CLOCK))
                    .isInstanceOf(DomainValidationException.class)
                    .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                            .extracting(FieldViolation::field).containsExactlyInAnyOrderElementsOf(fields));
        }
    }

    @Test
    @DisplayName("EHC-02 EHC-03 an accepted 居民身份证 registration takes sex and birth date from the number, and a trimmed "
            + "client id")
    void checkedValues() {
        var checked = RegistrationRules.registration(new EhcRegistration(new DocumentRef("01", FEMALE_ID), " 李四 ",
                null, null, null, INSTITUTION_TERMINAL, " kiosk-7 "), CLOCK);
        assertThat(checked.sex()).isEqualTo("2");
        assertThat(checked.birthDate()).isEqualTo(FEMALE_BORN);
        assertThat(checked.name()).isEqualTo("李四");
        assertThat(checked.clientId()).isEqualTo("kiosk-7");
        assertThat(checked.sameAs()).isNull();
        assertThat(RegistrationRules.registration(new EhcRegistration(new DocumentRef("01", FEMALE_ID), "李四", null,
                null, null, APP, "  "), CLOCK).clientId()).isNull();
    }
}
