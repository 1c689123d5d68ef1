package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorViews.Reconciliation;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PER-09 across days: the maker's stock under a clock the test moves (the services take the {@code Clock} bean; here
 * a {@link FloorStock} of the test's own over the same database), for a maker no other test moves cards of.
 */
@IntegrationTest
class FloorDayIT {

    /** A clock the test sets: China 10:00 on a day of its own, moved on by whole days. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2031-03-03T02:00:00Z");

        void plusDays(int days) {
            now = now.plus(Duration.ofDays(days));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Autowired FloorScenarios scenarios;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FloorAccess access;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    /** As the user, in a transaction (the test's own FloorStock has no proxy; the audit writes in the caller's). */
    private <T> T as(String user, java.util.function.Supplier<T> call) {
        return transactions.execute(t -> users.as(user, call::get));
    }

    private void run(String user, Runnable call) {
        transactions.executeWithoutResult(t -> users.run(user, call));
    }

    @Test
    @DisplayName("PER-09: a new production day's card movements wait for the last day's reconciliation — missing, or a mismatch explained but not yet confirmed, is 409 PREVIOUS_DAY_UNRECONCILED naming that day; confirmed by a second person, the day may start")
    void previousDayFirst() {
        TestClock clock = new TestClock();
        FloorStock stock = new FloorStock(jdbc, access, events, clock);
        LocalDate day1 = as("floore1", stock::today);
        assertThat(day1).isEqualTo(LocalDate.of(2031, 3, 3));
        run("floore1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 100, "白卡入库"));
        run("floore1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 5, "同日可继续"));

        clock.plusDays(1);
        assertThatThrownBy(() -> run("floore1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(day1.toString())
                .satisfies(e -> assertThat(((ConflictException) e).code())
                        .isEqualTo(FloorStock.PREVIOUS_DAY_UNRECONCILED));
        // the floor's steps are held the same way
        assertThatThrownBy(() -> stock.requireNoOpenMismatch(FloorScenarios.MAKER_E))
                .isInstanceOf(ConflictException.class).hasMessageContaining(day1.toString());

        Map<Stock, Integer> physical = new EnumMap<>(Stock.class);
        physical.put(Stock.WHITE, 103);
        physical.put(Stock.SEMI, 0);
        physical.put(Stock.FINISHED, 0);
        Reconciliation r = as("floore1", () -> stock.reconcile(day1, physical));
        assertThat(r.status()).isEqualTo(Reconciliation.MISMATCH);
        run("floore1", () -> stock.explain(r.id(), "两张白卡入库时未点清，已复核"));
        assertThatThrownBy(() -> run("floore1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(day1.toString())
                .satisfies(e -> assertThat(((ConflictException) e).code())
                        .isEqualTo(FloorStock.PREVIOUS_DAY_UNRECONCILED));
        run("floore2", () -> stock.confirmExplanation(r.id()));
        run("floore1", () -> stock.recordMovement(Stock.WHITE, Direction.IN, 1, "次日入库"));
        assertThat(as("floore1", () -> stock.movements(day1.plusDays(1)))).hasSize(1);
    }
}
