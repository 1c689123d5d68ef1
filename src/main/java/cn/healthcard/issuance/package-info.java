/**
 * The card-application case: register, check, review, production, pick-up, receipt.
 *
 * <p>The card-application case: {@code CardApplicationService}, the BPMN delegates, task-form handlers, views, REST
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "issuance 申领",
        allowedDependencies = {"audit", "card", "common", "crypto", "institution", "logistics", "production", "report", "resident", "security", "shell", "workflow", "workflow :: form"})
package cn.healthcard.issuance;
