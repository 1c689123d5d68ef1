package cn.healthcard.card;

import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.CardStatusQuery.Ordering;
import cn.healthcard.card.CardStatusQuery.SortField;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.healthcard.card.CardStatus.ACTIVE;
import static cn.healthcard.card.CardStatus.CANCELLED;
import static cn.healthcard.card.CardStatus.PIN_LOCKED;
import static cn.healthcard.card.CardStatus.READY;
import static cn.healthcard.card.CardStatus.REPLACED;
import static cn.healthcard.card.CardStatus.REPORTED_LOST;
import static org.assertj.core.api.Assertions.assertThat;

/** The card-status search's queries on a real PostgreSQL server: the JPQL is portable, not only H2-friendly. */
@PostgresIntegrationTest
class PostgresCardStatusSearchIT {

    private static final String REGION = "110109";

    @Autowired CardStatusSearch search;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("APP-13 card-status search on PostgreSQL: counts per status, region prefix, statuses, China-time periods, paging and order with never-issued cards last")
    void onPostgres() {
        var fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
        String inst = fixtures.institution("PG-110109", "北京市门头沟区测试服务点", REGION);
        String a = fixtures.card(REGION, inst, "吴甲", ACTIVE);
        String b = fixtures.card(REGION, inst, "郑乙", READY);
        String c = fixtures.card(REGION, inst, "冯丙", REPORTED_LOST);
        String d = fixtures.card(REGION, inst, "陈丁", CANCELLED);
        fixtures.dates(a, at(3, 1, 0, 30), at(3, 1, 0, 30));
        fixtures.dates(b, null, at(2, 28, 23, 30));
        fixtures.dates(c, at(2, 27, 10, 0), at(3, 2, 9, 0));
        fixtures.dates(d, at(2, 26, 10, 0), at(3, 3, 9, 0));

        CardStatusResult all = users.as("auditor", () -> search.search(new CardStatusQuery("110000", inst, null,
                null, null, null, 0, 50, null)));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.countsByStatus()).containsExactly(Map.entry(READY, 1L), Map.entry(ACTIVE, 1L),
                Map.entry(REPORTED_LOST, 1L), Map.entry(PIN_LOCKED, 0L), Map.entry(REPLACED, 0L),
                Map.entry(CANCELLED, 1L));
        assertThat(all.items()).extracting(CardStatusRow::cardNo).containsExactly(d, c, a, b);
        assertThat(all.items().get(0).holderNameMasked()).isEqualTo("陈*");

        CardStatusResult some = users.as("auditor", () -> search.search(new CardStatusQuery(REGION, null,
                EnumSet.of(ACTIVE, REPORTED_LOST, READY), DateField.STATUS_CHANGED, day(2, 28), day(3, 1), 0, 50,
                null)));
        assertThat(some.items()).extracting(CardStatusRow::cardNo).containsExactly(a, b);
        assertThat(some.countsByStatus()).containsExactly(Map.entry(READY, 1L), Map.entry(ACTIVE, 1L),
                Map.entry(REPORTED_LOST, 0L));

        assertThat(cardNos(new CardStatusQuery(REGION, null, Set.of(), DateField.ISSUED, day(2, 27), day(3, 1), 0,
                50, null))).containsExactlyInAnyOrder(a, c);
        assertThat(cardNos(new CardStatusQuery(REGION, null, null, null, null, null, 0, 50,
                new Ordering(SortField.ISSUED_AT, false)))).containsExactly(d, c, a, b);
        assertThat(cardNos(new CardStatusQuery(REGION, null, null, null, null, null, 0, 50,
                new Ordering(SortField.ISSUED_AT, true)))).containsExactly(a, c, d, b);
        assertThat(cardNos(new CardStatusQuery(REGION, null, null, null, null, null, 1, 3,
                new Ordering(SortField.ISSUED_AT, true)))).containsExactly(b);
    }

    private List<String> cardNos(CardStatusQuery query) {
        return users.as("auditor", () -> search.search(query)).items().stream().map(CardStatusRow::cardNo).toList();
    }

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    private static Instant at(int month, int day, int hour, int minute) {
        return OffsetDateTime.of(2025, month, day, hour, minute, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    }
}
