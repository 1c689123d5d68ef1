package cn.healthcard.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a real PostgreSQL server (see {@link EmbeddedPostgresInitializer}). The context is closed
 * after the test class, while the server still runs; left to the JVM's shutdown hooks, the server could stop first
 * and the engine's job executor would wait on dead connections.
 */
@Target(ElementType.TYPE)
// run by the surefire execution "postgres" in a JVM of its own (pom.xml): the Camunda webapps keep JVM-wide state that a
// second engine context disturbs for the H2 context's Cockpit
@org.junit.jupiter.api.Tag("postgres")
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "healthcard.production.simulator.answer-delay=PT0.2S",
        // production route (decision 027): existing tests keep the per-card instant path; the production tests' own desks
        // go through plans and batches
        "healthcard.production.default-route=INSTANT",
        "healthcard.production.batch-desks=PX-150102,PX-150203",
        "healthcard.production.batch-size=3",
        "healthcard.production.demo-orders=0",
        "healthcard.production.correlation.interval=PT0.3S",
        "healthcard.production.drop-folder.scan-interval=PT1H",
        "healthcard.production.drop-folder.root=target/production-drop/${random.uuid}",
        // tests wait for async jobs: poll often instead of backing off to a minute
        "camunda.bpm.job-execution.wait-time-in-millis=100",
        "camunda.bpm.job-execution.max-wait=500",
        // one local Elasticsearch per test JVM (LocalElasticsearch), fresh state per run; project often
        "healthcard.elasticsearch.local.state-dir=target/elasticsearch-state/{port}",
        "healthcard.elasticsearch.projection.fixed-delay=300ms",
        // the software crypto device keeps its keystore under target/, not in the run's ./data
        "healthcard.crypto.device.keystore=target/crypto-device/it-postgres.keystore",
        // its own index: ids of the PostgreSQL log would overwrite those of the H2 log in a shared one
        "healthcard.elasticsearch.index=healthcard-audit-postgres",
        // its own name in Camunda's JVM-wide engine registry, so closing it leaves the H2 context's engine registered
        "camunda.bpm.process-engine-name=postgres"
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@ActiveProfiles("demo")
@Import(TestUsers.class)
@TestExecutionListeners(listeners = SecurityStrategyAlignment.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface PostgresIntegrationTest {
}
