/**
 * The only door into the engine: process gateway, case kit (task guard, reviews, case numbers, form values), inbox,
 * incidents, checked deployments, forms as data, engine lockdown and task audit.
 *
 * <p>The only door into the engine: {@code ProcessGateway} (start, correlate, current step), {@code TaskInboxService}
 * (region- and group-scoped inbox, claim, complete), incidents, {@code ProcessDeployments} (checked, audited
 * deployment for admins); {@code workflow.form} renders {@code forms/*.form}; Camunda identity sync; the engine
 * lockdown (decision 018): allow-list of engine REST/webapp calls ({@code EngineApiAllowList}, 403 otherwise,
 * Tasklist off), engine authorization on, BPMN expressions limited to {@code *.process} beans, BPMN policy on every
 * deployment, deployments and user-operation-log entries audited. {@code ProcessRules} is the one rule set for BPMN
 * models (decision 032); {@code ProcessDeployments} deploys only a change a second admin approved
 * ({@code ApprovedChanges}, implemented by {@code processadmin}) and lists the versions; {@code ProcessMigrations}
 * moves running instances between versions.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "workflow 流程",
        allowedDependencies = {"common", "security", "shell"})
package cn.healthcard.workflow;
