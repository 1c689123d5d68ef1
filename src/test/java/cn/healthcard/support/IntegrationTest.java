package cn.healthcard.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a random port with an in-memory H2 database and the demo users. Every test class with this
 * annotation shares one Spring context (same configuration), so the application starts once per test run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "healthcard.production.simulator.answer-delay=PT0.2S",
        // production route (decision 027): existing tests keep the per-card instant path; the production tests' own desks
        // go through plans and batches
        "healthcard.production.default-route=INSTANT",
        "healthcard.production.batch-desks=PX-150102,PX-150203,FX-640104",
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
        // the software crypto device keeps its keystore under target/, not in the run's ./data; a new one per test JVM,
        // as the in-memory database is new (keys made by an earlier run would not be in this run's key registry)
        "healthcard.crypto.device.keystore=target/crypto-device/it-h2-${random.uuid}.keystore"
})
@ActiveProfiles("demo")
@Import(TestUsers.class)
@TestExecutionListeners(listeners = SecurityStrategyAlignment.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface IntegrationTest {
}
