package cn.healthcard.supervision.internal;

import cn.healthcard.support.PostgresIntegrationTest;

/** Rollups = plain queries on PostgreSQL (V38's backfill and the fold's SQL there). */
@PostgresIntegrationTest
class PostgresRollupMatchesSourcesIT extends AbstractRollupMatchesSourcesIT {
}
