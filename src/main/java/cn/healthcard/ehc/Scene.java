package cn.healthcard.ehc;

/**
 * Where a code is presented (003 §3.5). A static code serves the non-core scenes (registration, consultation); the core
 * scenes — medical record queries and settlement — need a dynamic code generated just before use.
 */
public enum Scene {
    REGISTRATION(false), CONSULTATION(false), EXAMINATION(false), PHARMACY(false), PUBLIC_HEALTH(false),
    RECORD_QUERY(true), SETTLEMENT(true), OTHER(false);

    private final boolean dynamicRequired;

    Scene(boolean dynamicRequired) {
        this.dynamicRequired = dynamicRequired;
    }

    /** Whether only a dynamic code is accepted here. */
    public boolean dynamicRequired() {
        return dynamicRequired;
    }
}
