package cn.healthcard.support;

import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cards in any region and status without going through the whole application case: a resident registered and a card
 * registered as produced, then moved through the state machine, all as the SYSTEM (as the process steps do). For
 * searches that must count exactly, each test uses a region nobody else's tests use.
 */
public final class CardFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

    private final ResidentService residents;
    private final CardService cards;
    private final InstitutionService institutions;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    public CardFixtures(ResidentService residents, CardService cards, InstitutionService institutions,
                        PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.residents = residents;
        this.cards = cards;
        this.institutions = institutions;
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
    }

    /** A service institution in the region (created once). */
    public String institution(String code, String name, String regionCode) {
        institutions.registerIfAbsent(new Institution(code, name, RegionCode.of(regionCode),
                InstitutionKind.SERVICE_POINT));
        return code;
    }

    /** A new card of a new resident called {@code holder}, in the region and institution, now in {@code status}. */
    public String card(String regionCode, String institutionCode, String holder, CardStatus status) {
        String cardNo = regionCode + "T" + SEQUENCE.incrementAndGet();
        SecurityContextUsers.runAsSystem(() -> transaction.executeWithoutResult(tx -> {
            String residentId = residents.register(TestResidents.newResident(holder), regionCode).id();
            cards.registerProduced(cardNo, residentId, null, regionCode, institutionCode, "CHIP-" + cardNo);
        }));
        for (CardAction action : path(status)) {
            SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, action, CardChange.because("测试数据")));
        }
        return cardNo;
    }

    /**
     * Sets the card's issue date and last status change (null leaves it as it is), to test periods at day boundaries
     * without waiting for them. Test data only: the application never writes these columns but through the state
     * machine.
     */
    public void dates(String cardNo, Instant issuedAt, Instant statusChangedAt) {
        if (issuedAt != null) {
            jdbc.update("update card set issued_at = ? where card_no = ?", utc(issuedAt), cardNo);
        }
        if (statusChangedAt != null) {
            jdbc.update("update card set updated_at = ? where card_no = ?", utc(statusChangedAt), cardNo);
        }
    }

    /** Instants are stored as UTC wall-clock time ({@code hibernate.jdbc.time_zone: UTC}). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<CardAction> path(CardStatus status) {
        return switch (status) {
            case READY -> List.of();
            case ACTIVE -> List.of(CardAction.ACTIVATE);
            case REPORTED_LOST -> List.of(CardAction.ACTIVATE, CardAction.REPORT_LOSS);
            case PIN_LOCKED -> List.of(CardAction.ACTIVATE, CardAction.PIN_LOCK);
            case REPLACED -> List.of(CardAction.ACTIVATE, CardAction.REPLACE);
            case CANCELLED -> List.of(CardAction.ACTIVATE, CardAction.CANCEL);
        };
    }
}
