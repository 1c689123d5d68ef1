-- The task inbox's own index of open user tasks (issue #11, TaskInboxService): the case values the inbox filters and
-- shows, kept by the engine plug-in workflow/internal/InboxIndexPlugin (a built-in task listener: a row on create,
-- gone on complete and delete, also when a process instance is cancelled). The task itself (assignee, candidate
-- groups, priority, created) stays in the engine's tables; the inbox joins them. Tasks open before this version are
-- added when the engine starts (InboxIndex.reconcile).
CREATE TABLE inbox_entry (
    task_id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    process_instance_id VARCHAR(64)  NOT NULL,
    process_key         VARCHAR(255),
    -- the process variable regionCode, 6 digits (ORG-05); the inbox selects a region and those below it as the
    -- range [prefix000000, prefix999999] so that every database uses the index
    region_code         CHAR(6)      NOT NULL,
    business_key        VARCHAR(255),
    applicant_name      VARCHAR(100)
);
CREATE INDEX ix_inbox_entry_region ON inbox_entry (region_code, task_id);
CREATE INDEX ix_inbox_entry_process ON inbox_entry (process_instance_id);

-- The keyed applicant indexes of a task (process variable applicantKeys, space-separated): exact matches only.
CREATE TABLE inbox_applicant_key (
    task_id       VARCHAR(64)  NOT NULL,
    applicant_key VARCHAR(128) NOT NULL,
    PRIMARY KEY (task_id, applicant_key)
);
CREATE INDEX ix_inbox_applicant_key ON inbox_applicant_key (applicant_key, task_id);
