package cn.healthcard.common;

import java.util.List;

/** Input that breaks a rule of the domain. Nothing has been changed when this is thrown. Maps to HTTP 400. */
public class DomainValidationException extends RuntimeException {

    private final List<FieldViolation> violations;

    public DomainValidationException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.violations = List.copyOf(violations);
    }

    public DomainValidationException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
