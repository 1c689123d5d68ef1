package cn.healthcard.supervision.monthly;

import cn.healthcard.support.PostgresIntegrationTest;

/** The monthly reports on PostgreSQL (V40's BYTEA, the row lock, the same numbers). */
@PostgresIntegrationTest
class PostgresMonthlyReportIT extends AbstractMonthlyReportIT {
}
