package cn.healthcard.supervision;

import cn.healthcard.support.IntegrationTest;

/** The supervision numbers on H2 (the shared IT database). */
@IntegrationTest
class SupervisionStatisticsIT extends AbstractSupervisionStatisticsIT {
}
