package cn.healthcard.security;

/**
 * Keeps a signed-in session in step with the account (decision 024): an admin's change of roles, institution or name
 * reaches a session that is open already at its next navigation, and a disabled account's session ends.
 */
public interface SignedInAccount {

    /**
     * Re-reads the signed-in person's account and updates the session's identity when it changed.
     *
     * @return false when the account is disabled or gone (the caller signs the session out); true otherwise, also
     * when nobody or a machine is signed in
     */
    boolean refresh();
}
