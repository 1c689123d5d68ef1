/**
 * The in-app BPMN modeler (流程设计 → 编辑, BPM-05, issue #15, decision 033): the prebuilt {@code camunda-bpmn-js}
 * Camunda 7 modeler (pinned in {@code tools/modeler}, copied into the jar by the build) on a static page
 * {@code /modeler/index.html} behind the same login (ADMIN), embedded by the Vaadin view
 * <code>process-design/edit/{definitionId}</code>; element templates generated from the process administration's building
 * blocks ({@code GET /api/v1/modeler/element-templates}); checks and the reviewed change are the process
 * administration's API, called by the page with the admin's session and CSRF token.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "modeler 流程建模",
        allowedDependencies = {"common", "security", "shell", "processadmin"})
package cn.healthcard.modeler;
