package cn.healthcard.card;

import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.CardStatusQuery.Ordering;
import cn.healthcard.card.CardStatusQuery.SortField;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The card-status search on the whole application (H2): exact counts, paging, order, periods in China time, region
 * scoping, masked names, validation and roles. Each test has a Beijing district of its own (no other test makes cards
 * there), so counts are exact however many cards other tests made.
 */
@IntegrationTest
class CardStatusSearchIT {

    /** +08:00, China Standard Time: the periods' days. */
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Autowired CardStatusSearch search;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    CardFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
    }

    @Test
    @DisplayName("APP-13 card-status search counts cards by status within the user's region, over the whole filter, a page at a time")
    void countsAndPages() {
        String east = fixtures.institution("IT-110101-A", "北京市东城区测试服务点甲", "110101");
        String west = fixtures.institution("IT-110101-B", "北京市东城区测试服务点乙", "110101");
        Map<String, CardStatus> made = new LinkedHashMap<>();
        made.put(fixtures.card("110101", east, "张小三", READY), READY);
        made.put(fixtures.card("110101", east, "李四", ACTIVE), ACTIVE);
        made.put(fixtures.card("110101", west, "王五六", ACTIVE), ACTIVE);
        made.put(fixtures.card("110101", west, "赵六", REPORTED_LOST), REPORTED_LOST);
        made.put(fixtures.card("110101", east, "钱七", CANCELLED), CANCELLED);

        CardStatusResult all = users.as("auditor", () -> search.search(query("110101", null, Set.of(), 0, 50)));

        assertThat(all.total()).isEqualTo(5);
        assertThat(all.countsByStatus()).containsExactly(Map.entry(READY, 1L), Map.entry(ACTIVE, 2L),
                Map.entry(REPORTED_LOST, 1L), Map.entry(PIN_LOCKED, 0L), Map.entry(REPLACED, 0L),
                Map.entry(CANCELLED, 1L));
        assertThat(all.items()).extracting(CardStatusRow::cardNo).containsExactlyInAnyOrderElementsOf(made.keySet());
        assertThat(all.items()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(made.get(r.cardNo()));
            assertThat(r.regionCode()).isEqualTo("110101");
            assertThat(r.regionName()).isEqualTo("北京市东城区");
            assertThat(r.statusChangedAt()).isNotNull();
        });
        CardStatusRow first = all.items().stream().filter(r -> r.status() == READY).findFirst().orElseThrow();
        assertThat(first.holderNameMasked()).isEqualTo("张*三");
        assertThat(first.institutionName()).isEqualTo("北京市东城区测试服务点甲");
        assertThat(first.issuedAt()).as("a card waiting for pick-up was never issued").isNull();
        assertThat(all.items()).extracting(CardStatusRow::holderNameMasked)
                .containsExactlyInAnyOrder("张*三", "李*", "王*六", "赵*", "钱*");
        // the default order: last status change, newest first
        assertThat(all.items()).extracting(CardStatusRow::statusChangedAt)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // pages of 2: the counts stay those of the whole filter; the pages together are every card once
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            int p = page;
            CardStatusResult slice = users.as("auditor", () -> search.search(query("110101", null, Set.of(), p, 2)
                    .withSort(new Ordering(SortField.CARD_NO, false))));
            assertThat(slice.total()).isEqualTo(5);
            assertThat(slice.totalPages()).isEqualTo(3);
            assertThat(slice.countsByStatus()).isEqualTo(all.countsByStatus());
            assertThat(slice.items()).hasSize(page < 2 ? 2 : 1);
            slice.items().forEach(r -> paged.add(r.cardNo()));
        }
        assertThat(paged).isSorted().containsExactlyInAnyOrderElementsOf(made.keySet());
        assertThat(users.as("auditor", () -> search.search(query("110101", null, Set.of(), 3, 2))).items())
                .as("a page after the last").isEmpty();

        // statuses: counts only for the statuses asked for
        CardStatusResult troubled = users.as("auditor", () -> search.search(query("110101", null,
                EnumSet.of(ACTIVE, REPORTED_LOST), 0, 50)));
        assertThat(troubled.total()).isEqualTo(3);
        assertThat(troubled.countsByStatus()).containsExactly(Map.entry(ACTIVE, 2L), Map.entry(REPORTED_LOST, 1L));
        assertThat(troubled.items()).extracting(CardStatusRow::status).containsOnly(ACTIVE, REPORTED_LOST);

        // institution
        CardStatusResult ofWest = users.as("admin", () -> search.search(query("110101", west, Set.of(), 0, 50)));
        assertThat(ofWest.total()).isEqualTo(2);
        assertThat(ofWest.countsByStatus()).containsEntry(ACTIVE, 1L).containsEntry(REPORTED_LOST, 1L)
                .containsEntry(READY, 0L);
        // a province finds its districts (prefix scope); counts over the province include these five
        CardStatusResult beijing = users.as("auditor", () -> search.search(query("110000", east, Set.of(), 0, 50)));
        assertThat(beijing.total()).isEqualTo(3);
    }

    @Test
    @DisplayName("ORG-05 SEC-02 card-status search shows a user only the cards of their own region and below, holders' names masked")
    void regionScoping() {
        String pudong = fixtures.institution("IT-310115", "上海市浦东新区测试服务点", "310115");
        String dongcheng = fixtures.institution("IT-110102", "北京市西城区测试服务点", "110102");
        String shanghaiCard = fixtures.card("310115", pudong, "孙浦东", ACTIVE);
        String beijingCard = fixtures.card("110102", dongcheng, "周西城", ACTIVE);

        // the national centre sees both
        assertThat(cardNos("admin", query(null, null, Set.of(), 0, 200).withSort(newestFirst())))
                .contains(shanghaiCard, beijingCard);
        assertThat(users.as("admin", () -> search.search(query("310115", null, Set.of(), 0, 50))).total())
                .isEqualTo(1);
        // Beijing's auditor: every card found lies in Beijing; Shanghai's region or institution is refused
        CardStatusResult auditors = users.as("auditor", () -> search.search(query(null, null, Set.of(), 0, 200)
                .withSort(newestFirst())));
        assertThat(auditors.items()).extracting(CardStatusRow::regionCode).allMatch(r -> r.startsWith("11"));
        assertThat(auditors.items()).extracting(CardStatusRow::cardNo).contains(beijingCard)
                .doesNotContain(shanghaiCard);
        assertThat(users.as("auditor", () -> search.search(query("110102", null, Set.of(), 0, 50))).items())
                .singleElement().satisfies(r -> {
                    assertThat(r.holderNameMasked()).isEqualTo("周*城");
                    assertThat(r.toString()).doesNotContain("周西城");
                });
        assertThat(violations("auditor", query("310115", null, Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("regionCode", "「地区」不在您的管辖范围内"));
        assertThat(violations("auditor", query(null, pudong, Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("institutionCode", "「机构」不在您的管辖范围内"));
        // Xuhui's supervisor (a county) sees neither, and may not widen the search to Shanghai
        assertThat(users.as("shsupervisor", () -> search.search(query(null, null, Set.of(), 0, 200))).items())
                .extracting(CardStatusRow::regionCode).allMatch("310104"::equals);
        assertThat(violations("shsupervisor", query("310000", null, Set.of(), 0, 50)))
                .extracting(FieldViolation::field).containsExactly("regionCode");
    }

    @Test
    @DisplayName("APP-13 card-status search filters a period of China days on the issue date or on the last status change; never-issued cards sort last")
    void periods() {
        String inst = fixtures.institution("IT-110106", "北京市丰台区测试服务点", "110106");
        String a = fixtures.card("110106", inst, "吴甲", ACTIVE);
        String b = fixtures.card("110106", inst, "郑乙", READY);
        String c = fixtures.card("110106", inst, "冯丙", REPORTED_LOST);
        // a: issued and last changed 1 March 00:30 in Beijing, which is still 28 February in UTC
        fixtures.dates(a, at(2025, 3, 1, 0, 30), at(2025, 3, 1, 0, 30));
        // b: made 28 February 23:30 in Beijing, never issued
        fixtures.dates(b, null, at(2025, 2, 28, 23, 30));
        // c: issued 27 February, reported lost 2 March
        fixtures.dates(c, at(2025, 2, 27, 10, 0), at(2025, 3, 2, 9, 0));

        assertThat(found(DateField.STATUS_CHANGED, day(3, 1), day(3, 1))).containsExactly(a);
        assertThat(found(DateField.STATUS_CHANGED, day(2, 28), day(2, 28))).containsExactly(b);
        assertThat(found(DateField.STATUS_CHANGED, day(2, 28), day(3, 1))).containsExactlyInAnyOrder(a, b);
        assertThat(found(null, day(3, 2), null)).as("default date: last status change").containsExactly(c);
        assertThat(found(DateField.ISSUED, day(2, 27), day(3, 2))).as("b was never issued")
                .containsExactlyInAnyOrder(a, c);
        assertThat(found(DateField.ISSUED, null, day(2, 28))).containsExactly(c);
        assertThat(found(DateField.ISSUED, day(3, 2), null)).isEmpty();

        CardStatusResult issued = users.as("auditor", () -> search.search(new CardStatusQuery("110106", null, null,
                DateField.ISSUED, day(2, 27), day(3, 2), 0, 50, null)));
        assertThat(issued.countsByStatus()).containsEntry(ACTIVE, 1L).containsEntry(REPORTED_LOST, 1L)
                .containsEntry(READY, 0L);

        assertThat(cardNos("auditor", query("110106", null, Set.of(), 0, 50)
                .withSort(new Ordering(SortField.ISSUED_AT, false)))).containsExactly(c, a, b);
        assertThat(cardNos("auditor", query("110106", null, Set.of(), 0, 50)
                .withSort(new Ordering(SortField.ISSUED_AT, true)))).containsExactly(a, c, b);
        assertThat(cardNos("auditor", query("110106", null, Set.of(), 0, 50))).as("default: last change first")
                .containsExactly(c, a, b);
    }

    @Test
    @DisplayName("APP-13 SEC-01 card-status search refuses bad input field by field in Chinese and is only for auditors, supervisors and admins")
    void badInputAndRoles() {
        assertThat(violations("auditor", new CardStatusQuery(null, null, null, DateField.ISSUED, day(3, 2), day(3, 1),
                0, 50, null))).containsExactly(new FieldViolation("to", "「截止日期」不能早于「起始日期」"));
        assertThat(violations("auditor", query("110199", null, Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("regionCode", "「地区」代码不存在: 110199"));
        assertThat(violations("auditor", query("11A", null, Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("regionCode", "「地区」应为6位行政区划代码"));
        assertThat(violations("auditor", query(null, "NO-SUCH", Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("institutionCode", "「机构」不存在: NO-SUCH"));
        assertThat(violations("auditor", query(null, "SH-310104", Set.of(), 0, 50)))
                .containsExactly(new FieldViolation("institutionCode", "「机构」不在您的管辖范围内"));
        assertThat(violations("supervisor", query("110000", null, Set.of(), 0, 50)))
                .as("Chaoyang's supervisor may not search all Beijing")
                .containsExactly(new FieldViolation("regionCode", "「地区」不在您的管辖范围内"));
        assertThat(violations("auditor", query(null, null, Set.of(), 0, 201)))
                .containsExactly(new FieldViolation("size", "「每页条数」应在1–200之间"));
        assertThat(violations("auditor", query(null, null, Set.of(), 0, 0))).extracting(FieldViolation::field)
                .containsExactly("size");
        assertThat(violations("auditor", query(null, null, Set.of(), -1, 50))).extracting(FieldViolation::field)
                .containsExactly("page");
        assertThat(violations("auditor", new CardStatusQuery("310115", "NO-SUCH", null, null, day(3, 2), day(3, 1),
                -1, 500, null))).extracting(FieldViolation::field)
                .containsExactly("regionCode", "institutionCode", "to", "page", "size");
        assertThat(users.as("admin", () -> search.search(query("000000", null, Set.of(), 0, 200))).total())
                .as("the national code is the national centre's whole region").isPositive();

        for (String user : new String[]{"clerk", "production", "warehouse"}) {
            assertThatThrownBy(() -> users.as(user, () -> search.search(query(null, null, Set.of(), 0, 50))))
                    .as(user).isInstanceOf(AccessDeniedException.class);
        }
        for (String user : new String[]{"auditor", "supervisor", "admin"}) {
            assertThat(users.as(user, () -> search.search(query(null, null, Set.of(), 0, 50)))).as(user).isNotNull();
        }
    }

    private static CardStatusQuery query(String region, String institution, Set<CardStatus> statuses, int page,
                                         int size) {
        return new CardStatusQuery(region, institution, statuses, null, null, null, page, size, null);
    }

    private static Ordering newestFirst() {
        return Ordering.DEFAULT;
    }

    private List<String> found(DateField field, LocalDate from, LocalDate to) {
        return cardNos("auditor", new CardStatusQuery("110106", null, null, field, from, to, 0, 50, null));
    }

    private List<String> cardNos(String user, CardStatusQuery query) {
        return users.as(user, () -> search.search(query)).items().stream().map(CardStatusRow::cardNo).toList();
    }

    private List<FieldViolation> violations(String user, CardStatusQuery query) {
        try {
            users.as(user, () -> search.search(query));
        } catch (DomainValidationException e) {
            return e.violations();
        }
        throw new AssertionError("expected a DomainValidationException for " + query);
    }

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    private static java.time.Instant at(int year, int month, int day, int hour, int minute) {
        return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, CST).toInstant();
    }
}
