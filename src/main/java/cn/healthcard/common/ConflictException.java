package cn.healthcard.common;

/** The request is valid but conflicts with the current state (one person one card, blacklist, a concurrent change). HTTP 409. */
public class ConflictException extends RuntimeException {

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine-readable reason, e.g. {@code ONE_PERSON_ONE_CARD}, {@code BLACKLISTED}. */
    public String code() {
        return code;
    }
}
