package cn.healthcard.workflow;

import java.time.LocalDate;

/**
 * Inbox filter; every field optional.
 *
 * @param scope          MINE (assigned to me), GROUPS (unassigned, for my groups) or ALL (both)
 * @param applicantQuery a full name or document number; matched through the keyed indexes, never in plaintext
 */
public record TaskFilter(Scope scope, String processDefinitionKey, String taskName, LocalDate createdFrom,
                         LocalDate createdTo, String applicantQuery) {

    public enum Scope { MINE, GROUPS, ALL }

    public static TaskFilter all() {
        return new TaskFilter(Scope.ALL, null, null, null, null, null);
    }
}
