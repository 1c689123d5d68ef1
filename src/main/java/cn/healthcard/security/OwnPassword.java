package cn.healthcard.security;

/**
 * The signed-in person's own password (SEC-01, decision 024): the self-service change (the old password required,
 * the new one checked against the policy {@code healthcard.password.*}), and whether the person must change it before
 * doing anything else (created or reset by an admin, or expired; demo users are exempt).
 */
public interface OwnPassword {

    /** Whether the signed-in person must change the password now (false for nobody signed in, and for machines). */
    boolean changeRequired();

    /** Changes the signed-in person's password; 400 naming {@code oldPassword} or {@code newPassword}. */
    void change(String oldPassword, String newPassword);
}
