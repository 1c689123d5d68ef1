package cn.healthcard.common;

/** The request is valid but conflicts with the current state (one person one card, blacklist, a concurrent change). HTTP 409. */
public class ConflictException extends RuntimeException {

    private final String code;
    private final String field;

    public ConflictException(String code, String message) {
        this(code, null, message);
    }

    /** A conflict caused by the value of one request field, e.g. a product model that is not filed. */
    public ConflictException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** The request field the conflict is about, or {@code null}. */
    public String field() {
        return field;
    }

    /** A stable machine-readable reason, e.g. {@code ONE_PERSON_ONE_CARD}, {@code BLACKLISTED}. */
    public String code() {
        return code;
    }
}
