package cn.healthcard.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole application on a real PostgreSQL server (see {@link EmbeddedPostgresInitializer}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "healthcard.production.simulator.answer-delay=PT0.2S"
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@Import(TestUsers.class)
public @interface PostgresIntegrationTest {
}
