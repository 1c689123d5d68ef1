package cn.healthcard.keys.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.keys.CeremonyRequest;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyPurpose;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values of forms/key-ceremony.form as a {@link CeremonyRequest}. */
final class KeyFormValues {

    private KeyFormValues() {
    }

    static CeremonyRequest request(Map<String, Object> values) {
        List<String> custodians = new ArrayList<>();
        for (String key : new String[]{"custodian1", "custodian2", "custodian3"}) {
            if (values.get(key) instanceof String s && !s.isBlank()) {
                custodians.add(s);
            }
        }
        Integer version = null;
        if (values.get("keyVersion") instanceof BigDecimal number) {
            try {
                version = number.intValueExact();
            } catch (ArithmeticException e) {
                throw new DomainValidationException("keyVersion", "「版本」应为正整数");
            }
        }
        return new CeremonyRequest(enumValue(KeyOperation.class, values.get("operation")),
                enumValue(KeyPurpose.class, values.get("purpose")), level(values.get("level")),
                text(values.get("regionCode")), version, text(values.get("backupId")), custodians,
                text(values.get("reason")));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static KeyLevel level(Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            return KeyLevel.of(Integer.parseInt(s));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
