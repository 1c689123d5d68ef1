/**
 * Process administration (流程设计, BPM-05, issue #15, decision 032): the building blocks a BPMN model may use
 * (delegates, forms, candidate groups — for the modeler's element templates), checks of a model against the one rule
 * set ({@code workflow.ProcessRules}), deployment as a reviewed change ({@code processes/process-change.bpmn}: an admin
 * submits, a second admin approves, then {@code workflow.ProcessDeployments} deploys it), the versions of every
 * process with their running instances, export, roll back and migration of running instances.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "processadmin 流程设计",
        allowedDependencies = {"common", "security", "shell", "workflow", "workflow :: form"})
package cn.healthcard.processadmin;
