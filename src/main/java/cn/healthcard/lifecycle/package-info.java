/**
 * Card requests (loss report, unloss, unlock, replacement with temporary card, cancellation) as reviewed cases with
 * their printed forms, counts per region.
 *
 * <p>Card requests 挂失/解挂/解锁/补换/注销: {@code CardRequestService}, five BPMN processes and their delegates, forms, printed
 * application forms (附表1–4), counts per region (LC-07), REST
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "lifecycle 卡片业务",
        allowedDependencies = {"audit", "card", "common", "crypto", "logistics", "production", "report", "resident", "security", "shell", "workflow", "workflow :: form"})
package cn.healthcard.lifecycle;
