package cn.healthcard.supervision;

import org.springframework.security.access.AccessDeniedException;

/**
 * A statistic asked for a region outside the caller's own region and those below it (ORG-05): answered 403, naming
 * the field {@code regionCode} (the problem's {@code field}; the message is the Chinese text screens show). Being an
 * {@link AccessDeniedException}, screens show it as any refusal.
 */
public class RegionOutOfScopeException extends AccessDeniedException {

    /** The field refused. */
    public static final String FIELD = "regionCode";

    public RegionOutOfScopeException() {
        super("「地区」不在本人管辖范围内");
    }

    public String field() {
        return FIELD;
    }
}
