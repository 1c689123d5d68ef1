package cn.healthcard.security;

/**
 * What the audit log records for a name typed at sign-in (decision 019): a known username as it is; anything else as
 * the marker {@code ?} followed by the first 16 hex digits of its SHA-256 — never the typed text itself (it may be a
 * password typed into the wrong field, and is of any length).
 */
public interface SignInNames {

    String forAudit(String typed);
}
