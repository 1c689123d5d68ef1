package cn.healthcard.supervision;

import cn.healthcard.support.PostgresIntegrationTest;

/** The same supervision numbers on PostgreSQL. */
@PostgresIntegrationTest
class PostgresSupervisionStatisticsIT extends AbstractSupervisionStatisticsIT {
}
