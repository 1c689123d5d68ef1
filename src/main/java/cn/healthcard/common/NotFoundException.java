package cn.healthcard.common;

/** The requested thing does not exist, or is outside the caller's region. HTTP 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
