package cn.healthcard.card;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.issuance.ApplicationView;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.resident.ResidentData;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blacklist service on the whole application: roles, reasons, kept rows, card entries, audit, query. */
@IntegrationTest
class BlacklistIT {

    private static final AtomicInteger CARDS = new AtomicInteger();

    @Autowired BlacklistService blacklist;
    @Autowired ResidentService residents;
    @Autowired CardApplicationService applications;
    @Autowired CardService cards;
    @Autowired AuditLog auditLog;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;

    @Test
    @DisplayName("BL-01 BL-02 SEC-01 a supervisor lists a resident (audited); clerks and auditors may not; listing twice is refused")
    void addResident() {
        String number = TestResidents.idNumber(LocalDate.of(1972, 3, 4), "2");
        String index = residents.documentIndex("01", number);

        assertThatThrownBy(() -> users.as("clerk", () -> blacklist.addResident(index, "冒用证件")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("auditor", () -> blacklist.addResident(index, "冒用证件")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(users.as("clerk", () -> blacklist.reasonListed(index))).isEmpty();

        long id = users.as("supervisor", () -> blacklist.addResident(index, "  冒用证件  "));

        assertThat(users.as("clerk", () -> blacklist.reasonListed(index))).contains("冒用证件");
        assertThat(jdbc.queryForObject("select kind from blacklist_entry where id = ?", String.class, id))
                .isEqualTo("RESIDENT");
        assertThat(jdbc.queryForList("select document_index from blacklist_entry where id = ?", String.class, id))
                .containsExactly(index).doesNotContain(number);
        assertThatThrownBy(() -> users.as("admin", () -> blacklist.addResident(index, "再次列入")))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("ALREADY_BLACKLISTED");
        assertThatThrownBy(() -> users.as("supervisor", () -> blacklist.addResident(index, " ")))
                .isInstanceOf(DomainValidationException.class);

        List<AuditLog.Entry> trail = users.as("auditor", () -> auditLog.about("BlacklistEntry", Long.toString(id)));
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("BlacklistEntryAdded");
            assertThat(e.actor()).isEqualTo("supervisor");
            assertThat(e.detail()).contains("冒用证件").doesNotContain(number);
        });
    }

    @Test
    @DisplayName("BL-02 SEC-01 removal needs a reason, is for supervisors and admins, and keeps the row with who, when and why")
    void removeKeepsTheRow() {
        String number = TestResidents.idNumber(LocalDate.of(1975, 5, 6), "1");
        String index = residents.documentIndex("01", number);
        long id = users.as("supervisor", () -> blacklist.addResident(index, "骗取医保待遇"));

        assertThatThrownBy(() -> users.run("supervisor", () -> blacklist.remove(id, "  ")))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::field)
                        .toList())
                .asList().containsExactly("reason");
        assertThatThrownBy(() -> users.run("clerk", () -> blacklist.remove(id, "核实有误")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.run("auditor", () -> blacklist.remove(id, "核实有误")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(users.as("clerk", () -> blacklist.reasonListed(index))).isPresent();

        users.run("admin", () -> blacklist.remove(id, "核实有误，恢复办卡资格"));

        assertThat(users.as("clerk", () -> blacklist.reasonListed(index))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from blacklist_entry where id = ?", Integer.class, id))
                .isEqualTo(1);
        var found = users.as("auditor", () -> blacklist.query(new BlacklistQuery(null, "01", number, null,
                BlacklistQuery.State.ALL, null, null), 0, 10)).getContent();
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.active()).isFalse();
            assertThat(e.reason()).isEqualTo("骗取医保待遇");
            assertThat(e.addedBy()).isEqualTo("supervisor");
            assertThat(e.removedBy()).isEqualTo("admin");
            assertThat(e.removedAt()).isNotNull();
            assertThat(e.removeReason()).isEqualTo("核实有误，恢复办卡资格");
        });
        assertThatThrownBy(() -> users.run("supervisor", () -> blacklist.remove(id, "再移一次")))
                .isInstanceOf(ConflictException.class);
        assertThat(users.as("auditor", () -> auditLog.about("BlacklistEntry", Long.toString(id))))
                .extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BlacklistEntryAdded", "supervisor"),
                        org.assertj.core.groups.Tuple.tuple("BlacklistEntryRemoved", "admin"));
        assertThat(jdbc.queryForList("select action from blacklist_change where entry_id = ? order by seq",
                String.class, id)).containsExactly("ADDED", "REMOVED");
    }

    @Test
    @DisplayName("BL-01 APP-06 SEC-01 a lost card is listed by the system only, idempotently, and unlisted when found; the holder stays eligible")
    void cardEntries() {
        String cardNo = newCardNo();
        String index = residents.documentIndex("01", TestResidents.idNumber(LocalDate.of(1980, 1, 2), "1"));

        assertThatThrownBy(() -> users.as("supervisor", () -> blacklist.listCard(cardNo, index, "挂失")))
                .isInstanceOf(AccessDeniedException.class);
        long id = SecurityContextUsers.runAsSystem(() -> blacklist.listCard(cardNo, index, "挂失"));
        long again = SecurityContextUsers.runAsSystem(() -> blacklist.listCard(cardNo, index, "挂失（重复）"));

        assertThat(again).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from blacklist_change where entry_id = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(users.as("clerk", () -> blacklist.reasonCardListed(cardNo))).contains("挂失");
        assertThat(users.as("clerk", () -> blacklist.reasonListed(index)))
                .as("a lost card does not make its holder ineligible").isEmpty();
        // a card number unknown to the card table is listed under the national centre (admin's region)
        assertThatThrownBy(() -> users.run("admin", () -> blacklist.remove(id, "手工移出")))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("CARD_ENTRY_FOLLOWS_CARD");
        assertThatThrownBy(() -> users.run("supervisor", () -> blacklist.unlistCard(cardNo, "解挂")))
                .isInstanceOf(AccessDeniedException.class);

        SecurityContextUsers.runAsSystem(() -> blacklist.unlistCard(cardNo, "解挂"));
        SecurityContextUsers.runAsSystem(() -> blacklist.unlistCard(cardNo, "解挂（重复）"));
        SecurityContextUsers.runAsSystem(() -> blacklist.unlistCard(newCardNo(), "从未挂失"));

        assertThat(users.as("clerk", () -> blacklist.reasonCardListed(cardNo))).isEmpty();
        assertThat(jdbc.queryForList("select action from blacklist_change where entry_id = ? order by seq",
                String.class, id)).containsExactly("ADDED", "REMOVED");
        assertThat(users.as("auditor", () -> auditLog.about("BlacklistEntry", Long.toString(id))))
                .extracting(AuditLog.Entry::eventType, AuditLog.Entry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BlacklistEntryAdded", "system"),
                        org.assertj.core.groups.Tuple.tuple("BlacklistEntryRemoved", "system"));
        long relisted = SecurityContextUsers.runAsSystem(() -> blacklist.listCard(cardNo, null, "再次挂失"));
        assertThat(relisted).isNotEqualTo(id);
    }

    @Test
    @DisplayName("APP-06 a card whose holder is blacklisted cannot be used")
    void holderListedCardRefused() {
        ResidentData person = TestResidents.newResident("韩立新");
        ApplicationView app = users.as("clerk", () -> applications.submit(person));
        String cardNo = newCardNo();
        SecurityContextUsers.runAsSystem(() -> cards.registerProduced(cardNo, app.resident().id(),
                app.applicationId(), app.regionCode(), app.institutionCode(), "CHIP-" + cardNo));
        assertThat(users.as("clerk", () -> blacklist.reasonCardListed(cardNo))).isEmpty();

        users.as("supervisor", () -> blacklist.addResident(residents.documentIndex("01", person.documentNumber()),
                "冒名办卡"));

        assertThat(users.as("clerk", () -> blacklist.reasonCardListed(cardNo))).contains("冒名办卡");
    }

    @Test
    @DisplayName("BL-02 SEC-01 query by card, document, state and date range, newest first; only supervisors, auditors and admins")
    void query() {
        String number = TestResidents.idNumber(LocalDate.of(1990, 7, 8), "2");
        String index = residents.documentIndex("01", number);
        String cardNo = newCardNo();
        long resident = users.as("supervisor", () -> blacklist.addResident(index, "冒用证件"));
        long card = SecurityContextUsers.runAsSystem(() -> blacklist.listCard(cardNo, index, "注销"));
        LocalDate today = LocalDate.now(ChinaTime.ZONE);

        assertThatThrownBy(() -> users.as("clerk", () -> blacklist.query(BlacklistQuery.all(), 0, 10)))
                .isInstanceOf(AccessDeniedException.class);
        // the card (unknown to the card table) is listed under the national centre: admin sees both, Beijing one
        assertThat(ids("admin", new BlacklistQuery(null, "01", number.toLowerCase(), null,
                BlacklistQuery.State.ALL, null, null))).containsExactly(card, resident);
        assertThat(ids("auditor", new BlacklistQuery(null, "01", number.toLowerCase(), null,
                BlacklistQuery.State.ALL, null, null))).containsExactly(resident);
        assertThat(ids("admin", new BlacklistQuery(cardNo, null, null, null, BlacklistQuery.State.ACTIVE,
                today, today))).containsExactly(card);
        assertThat(ids("admin", new BlacklistQuery(null, "01", number, BlacklistKind.RESIDENT,
                BlacklistQuery.State.ACTIVE, null, null))).containsExactly(resident);
        assertThat(ids("admin", new BlacklistQuery(cardNo, null, null, null, BlacklistQuery.State.ALL,
                today.minusDays(3), today.minusDays(1)))).isEmpty();

        users.run("supervisor", () -> blacklist.remove(resident, "核实有误"));

        assertThat(ids("admin", new BlacklistQuery(null, "01", number, null, BlacklistQuery.State.ACTIVE,
                null, null))).containsExactly(card);
        assertThat(ids("auditor", new BlacklistQuery(null, "01", number, null, BlacklistQuery.State.REMOVED,
                null, null))).containsExactly(resident);
        var page = users.as("auditor", () -> blacklist.query(BlacklistQuery.all(), 0, 1));
        assertThat(page.getContent()).hasSize(1);
        assertThat(page.getTotalElements()).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> ids("auditor", new BlacklistQuery(null, "", number, null,
                BlacklistQuery.State.ALL, today, today.minusDays(1))))
                .isInstanceOf(DomainValidationException.class)
                .extracting(e -> ((DomainValidationException) e).violations().stream().map(FieldViolation::field)
                        .toList())
                .asList().containsExactlyInAnyOrder("documentType", "addedTo");
    }

    private List<Long> ids(String user, BlacklistQuery q) {
        return users.as(user, () -> blacklist.query(q, 0, 50)).getContent().stream().map(BlacklistEntryView::id)
                .toList();
    }

    private static String newCardNo() {
        return "110105T" + System.nanoTime() % 1_000_000_000L + CARDS.incrementAndGet();
    }

    @Test
    @DisplayName("ORG-05 SEC-01 blacklist entries belong to a region: another province neither sees nor removes them, yet the listed person is refused everywhere")
    void regionScoped() {
        String number = TestResidents.idNumber(LocalDate.of(1968, 8, 9), "1");
        String index = residents.documentIndex("01", number);
        long id = users.as("supervisor", () -> blacklist.addResident(index, "冒名顶替"));
        assertThat(jdbc.queryForObject("select region_code from blacklist_entry where id = ?", String.class, id))
                .isEqualTo("110105");

        // Shanghai: not in its list, not removable (the same answer as for an entry that does not exist)
        assertThat(users.as("shsupervisor", () -> blacklist.query(BlacklistQuery.all(), 0, 1000)).getContent())
                .extracting(BlacklistEntryView::id).doesNotContain(id);
        assertThatThrownBy(() -> users.as("shsupervisor", () -> {
            blacklist.remove(id, "越权移出");
            return null;
        })).isInstanceOf(cn.healthcard.common.NotFoundException.class).hasMessage("黑名单记录不存在: " + id);
        assertThat(users.as("shclerk", () -> blacklist.reasonListed(index))).contains("冒名顶替");

        // Beijing and the national centre see it; the removal by its own region works
        assertThat(users.as("supervisor", () -> blacklist.query(BlacklistQuery.all(), 0, 1000)).getContent())
                .extracting(BlacklistEntryView::id).contains(id);
        assertThat(users.as("admin", () -> blacklist.query(BlacklistQuery.all(), 0, 1000)).getContent())
                .extracting(BlacklistEntryView::id).contains(id);
        users.as("supervisor", () -> {
            blacklist.remove(id, "核实后移出");
            return null;
        });
        assertThat(users.as("shclerk", () -> blacklist.reasonListed(index))).isEmpty();
    }
}
