package cn.healthcard.processadmin;

/** Where a process change stands (decision 032). */
public enum ProcessChangeStatus {
    /** Waiting for a second admin's review. */
    SUBMITTED,
    /** Sent back to be revised or withdrawn. */
    RETURNED,
    /** Approved and deployed: a new version of the process. */
    DEPLOYED,
    REJECTED,
    WITHDRAWN
}
