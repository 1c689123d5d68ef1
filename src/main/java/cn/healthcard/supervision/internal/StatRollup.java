package cn.healthcard.supervision.internal;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds the statistics rollups from the source tables with the backfill statements of the migrations V38, V41
 * and V43 (the same SQL, read from the scripts): for data written around the events (a bulk load, the bench's
 * generator) or after a repair. Under the fold's lock; run it when no cases are being processed (decision 036).
 */
@Service
public class StatRollup {

    private final JdbcTemplate jdbc;
    private final Sql sql;
    private final AssessmentFold assessment;

    StatRollup(JdbcTemplate jdbc, Sql sql, AssessmentFold assessment) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.assessment = assessment;
    }

    /**
     * Serializable: the deletes and the backfill's reads see one snapshot (PostgreSQL takes a new one per statement
     * under READ COMMITTED), so a business transaction committing meanwhile is neither counted twice nor lost; under
     * contention the rebuild fails with a serialization error and is run again (review 16-20).
     */
    @Transactional(isolation = Isolation.SERIALIZABLE)
    @PreAuthorize("hasAnyRole('ADMIN','SYSTEM')")
    public void rebuild() {
        jdbc.queryForList("SELECT id FROM stat_fold_lock WHERE id = 1 FOR UPDATE", Integer.class);
        jdbc.update("DELETE FROM stat_delta");
        jdbc.update("DELETE FROM stat_day");
        backfill().forEach(jdbc::update);
        assessment.reset();
        assessment.fold();
    }

    /**
     * Folds the assessment's days again from the start (decision 040; the schedule folds each new day): for engine
     * history or audit entries written around the application (the bench's generator).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SYSTEM')")
    public int rebuildAssessment() {
        jdbc.queryForList("SELECT id FROM stat_fold_lock WHERE id = 1 FOR UPDATE", Integer.class);
        jdbc.update("DELETE FROM stat_day WHERE kind IN ('TASK_DONE', 'TASK_MS', 'REVIEWED')");
        assessment.reset();
        return assessment.fold();
    }

    /** The INSERT statements of V38, V41 (APP_CAT) and V43 (ARRIVED, ARRIVED_PICKED; decision 040) for this database. */
    List<String> backfill() {
        return java.util.stream.Stream.of("V38__statistics_rollup.sql", "V41__statistics_speed.sql",
                        "V43__statistics_arrivals.sql")
                .flatMap(name -> inserts(name).stream()).toList();
    }

    private List<String> inserts(String script) {
        String path = "db/migration/" + (sql.oracle() ? "oracle" : "common") + "/" + script;
        try (var in = new ClassPathResource(path).getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip)
                    .filter(st -> st.startsWith("INSERT INTO stat_day")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
