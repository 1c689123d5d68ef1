package cn.healthcard.supervision.export;

import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.supervision.SupervisionStatistics;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The application with {@link FakeSupervisionStatistics} in place of the statistics service (its known rows), export
 * files under {@code target/}, and a node name of its own. {@link ExportJobIT} and {@link ExportApiIT} share it.
 * <p>
 * A replaced bean makes an application context of its own. It runs on PostgreSQL, in the surefire execution whose
 * contexts are closed after each class: a second context next to the shared H2 one would run a second engine's job
 * executor on the same database, executing the shared context's jobs with its own beans and its own security context
 * strategy ("An Authentication object was not found" in CardLifecycleBrowserIT's production job).
 */
@PostgresIntegrationTest
@TestPropertySource(properties = {"healthcard.export.folder=target/exports-it/${random.uuid}",
        "healthcard.export.node=export-it",
        // the quota counts files across runs of the same database: the tests reach it by bytes, not by count
        "healthcard.export.max-kept-files=1000", "healthcard.export.min-free-space=1MB"})
abstract class ExportTestBase {

    static final String NODE = "export-it";

    @TestBean(methodName = "fakeStatistics")
    SupervisionStatistics statistics;

    static SupervisionStatistics fakeStatistics() {
        return new FakeSupervisionStatistics();
    }
}
