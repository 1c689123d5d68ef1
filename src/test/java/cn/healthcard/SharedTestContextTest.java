package cn.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The H2 tests share one application context. A test that replaces a bean or a property gets a context of its own,
 * which stays alive next to the shared one: a second engine whose job executor runs the shared context's jobs with its
 * own beans and security context strategy. Such tests run on PostgreSQL ({@code @PostgresIntegrationTest}), whose
 * contexts are closed after each class in a JVM of their own.
 */
class SharedTestContextTest {

    private static final Pattern OWN_CONTEXT = Pattern.compile(
            "@(TestBean|MockitoBean|MockitoSpyBean|MockBean|SpyBean|TestPropertySource|DynamicPropertySource)\\b");

    @Test
    @DisplayName("H2 tests never make an application context of their own (replaced beans or properties run on PostgreSQL)")
    void noSecondH2Context() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String text = Files.readString(p);
                    return OWN_CONTEXT.matcher(text).find() && text.contains("@IntegrationTest");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
