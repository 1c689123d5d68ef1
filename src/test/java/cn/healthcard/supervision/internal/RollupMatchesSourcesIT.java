package cn.healthcard.supervision.internal;

import cn.healthcard.support.IntegrationTest;

/** Rollups = plain queries on H2. */
@IntegrationTest
class RollupMatchesSourcesIT extends AbstractRollupMatchesSourcesIT {
}
