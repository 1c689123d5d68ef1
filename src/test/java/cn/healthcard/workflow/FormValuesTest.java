package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.issuance.ApplicationStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed reads of submitted form values: no casts in the handlers, a 400 on the field instead of a ClassCastException. */
class FormValuesTest {

    private final FormValues values = new FormValues("withdraw", values());

    private static Map<String, Object> values() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "张三");
        v.put("blank", "  ");
        v.put("none", null);
        v.put("status", "RETURNED");
        v.put("badStatus", "LOST");
        v.put("birthDate", LocalDate.of(1990, 1, 2));
        v.put("storedDate", "2026-11-22");
        v.put("badDate", "22.11.2026");
        v.put("ticked", Boolean.TRUE);
        v.put("fee", new BigDecimal("20.00"));
        v.put("photo", new byte[] {1, 2});
        return v;
    }

    @Test
    @DisplayName("BPM-02 text, required text, enum, date, checkbox and bytes are read typed")
    void typedReads() {
        assertThat(values.string("name")).isEqualTo("张三");
        assertThat(values.string("blank")).isNull();
        assertThat(values.string("none")).isNull();
        assertThat(values.string("missing")).isNull();
        assertThat(values.required("name")).isEqualTo("张三");
        assertThat(values.enumValue("status", ApplicationStatus.class)).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(values.enumValue("none", ApplicationStatus.class)).isNull();
        assertThat(values.date("birthDate")).isEqualTo(LocalDate.of(1990, 1, 2));
        assertThat(values.date("storedDate")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(values.date("none")).isNull();
        assertThat(values.flag("ticked")).isTrue();
        assertThat(values.flag("missing")).isFalse();
        assertThat(values.bytes("photo")).containsExactly(1, 2);
        assertThat(values.string("fee")).isEqualTo("20.00");
        assertThat(values.has("none")).isTrue();
        assertThat(values.asMap()).containsKey("none");
    }

    @Test
    @DisplayName("BPM-02 the button used travels with the values; the default is submit")
    void action() {
        assertThat(values.action("withdraw")).isTrue();
        assertThat(FormValues.of(Map.of()).action(FormValues.SUBMIT)).isTrue();
        assertThat(new FormValues(null, Map.of()).action()).isEqualTo("submit");
    }

    @Test
    @DisplayName("BPM-02 a missing required value, an unknown option, a bad date or a non-file is a 400 on that field")
    void badValues() {
        assertThatThrownBy(() -> values.required("blank")).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("请填写此项");
        assertThatThrownBy(() -> values.enumValue("badStatus", ApplicationStatus.class))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("请从列表中选择");
        assertThatThrownBy(() -> values.date("badDate")).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> values.bytes("name")).isInstanceOf(DomainValidationException.class);
        assertThat(((DomainValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> values.date("badDate"))).violations().get(0).field()).isEqualTo("badDate");
    }
}
