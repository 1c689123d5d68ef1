package cn.healthcard.workflow;

import java.util.Optional;

/**
 * Where {@link ProcessDeployments} learns that a process change was reviewed (BPM-05, docs/decisions/032): the
 * reviewed-change case ({@code processadmin}) implements it. A deployment happens only for a change that a second
 * admin approved.
 */
public interface ApprovedChanges {

    /** A change approved and not yet deployed, as the case stored it. */
    record ApprovedChange(String changeId, String processKey, String xml, String submittedBy, String approvedBy) {
    }

    /** The change if it is approved and not yet deployed; empty otherwise. */
    Optional<ApprovedChange> approvedNotDeployed(String changeId);
}
