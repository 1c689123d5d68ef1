package cn.healthcard.ehc;

/** A registered terminal may verify codes while ACTIVE. */
public enum TerminalState {
    ACTIVE, DISABLED
}
