package cn.healthcard.audit;

import cn.healthcard.support.PostgresIntegrationTest;

/**
 * {@link CardApplicationAuditBench} on the embedded PostgreSQL (commits wait for the disk, as in production). Not part
 * of the suite: {@code mvn test -Dtest=PostgresCardApplicationAuditBench}.
 */
@PostgresIntegrationTest
class PostgresCardApplicationAuditBench extends CardApplicationAuditBench {
}
