/**
 * Append-only, SM3 hash-chained audit log with its Elasticsearch projection, search, exports, chain verification and
 * the audit screens.
 *
 * <p>The audit module: an append-only {@code audit_event} table, written by a listener in the publishing transaction (user tasks' steps come from
 * the workflow module's engine plug-in), SM3 hash-chained ({@code AuditChain}), with a transactional outbox
 * projected to Elasticsearch ({@code AuditProjection}, index {@code healthcard-audit}; {@code LocalElasticsearch}
 * runs the server when no cluster is configured); {@code AuditLog} (entries, {@code verifyChain}, {@code chainEntry},
 * {@code rebuildSearchIndex}, {@code projectionStatus}, each run recorded, a card's case {@code timeline}); {@code
 * AuditSearch} (filters, region scope, itself audited, decision 010); {@code AuditExport} (CSV, PDF through {@code
 * report}); REST under {@code /api/v1/audit} (decision 012); the screen 「审计日志校验」 and the {@code bin/audit} commands
 * ({@code AuditCommandRunner}); {@code PersonalDataRead}
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "audit 审计",
        allowedDependencies = {"common", "crypto", "report", "security", "shell", "workflow :: form"})
package cn.healthcard.audit;
