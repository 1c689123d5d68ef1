package cn.healthcard.supervision.export;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.supervision.SupervisionStatistics;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The application with {@link FakeSupervisionStatistics} in place of the statistics service (its known rows), export
 * files under {@code target/}, and a node name of its own. {@link ExportJobIT} and {@link ExportApiIT} share it.
 */
@IntegrationTest
@TestPropertySource(properties = {"healthcard.export.folder=target/exports-it/${random.uuid}",
        "healthcard.export.node=export-it"})
abstract class ExportTestBase {

    static final String NODE = "export-it";

    @TestBean(methodName = "fakeStatistics")
    SupervisionStatistics statistics;

    static SupervisionStatistics fakeStatistics() {
        return new FakeSupervisionStatistics();
    }
}
