package cn.healthcard.supervision.monthly;

import cn.healthcard.support.IntegrationTest;

/** The monthly reports on H2 (the shared IT database). */
@IntegrationTest
class MonthlyReportIT extends AbstractMonthlyReportIT {
}
