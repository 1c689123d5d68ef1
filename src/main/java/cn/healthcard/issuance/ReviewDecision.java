package cn.healthcard.issuance;

/** A supervisor's decision on an application (APP-07). */
public enum ReviewDecision {
    APPROVE, RETURN, REJECT
}
