package cn.healthcard.common;

/**
 * A system the request needs (Elasticsearch for the audit search, …) cannot be reached right now. Nothing has
 * changed; the same request may succeed later. HTTP 503 with {@code Retry-After}; a Chinese message on screens.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String code;

    public ServiceUnavailableException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable machine-readable code, e.g. {@code AUDIT_SEARCH_UNAVAILABLE}. */
    public String code() {
        return code;
    }
}
