package cn.healthcard.supervision.internal;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatusChanged;
import cn.healthcard.card.CardUsed;
import cn.healthcard.card.CardView;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationSubmitted;
import cn.healthcard.issuance.ApplicationEvents.CardPickedUp;
import cn.healthcard.logistics.InstantCardStocked;
import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ItemsReceived;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the statistics rollups (decision 036): each business event that changes a rolled-up number inserts its
 * delta into {@code stat_delta}, synchronously in the business transaction (a plain {@link EventListener}, never the
 * asynchronous module listener), so the delta commits or rolls back with the change. Insert-only: no row is updated,
 * so concurrent cases never wait on each other here; {@link StatFold} sums them into {@code stat_day}.
 */
@Component
class StatDeltas {

    static final String NONE = "-";
    /**
     * Cards by status are a state, summed over every row and never read by date: all on one fixed day (the backfill's),
     * so stat_day holds one row per desk and status, not one more per day.
     */
    static final LocalDate STATUS_DAY = LocalDate.of(2000, 1, 1);

    private final JdbcTemplate jdbc;
    private final CardService cards;
    private final Clock clock;
    private final ResidentService residents;
    private final Sql sql;

    StatDeltas(JdbcTemplate jdbc, CardService cards, Clock clock, ResidentService residents, Sql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.cards = cards;
        this.clock = clock;
        this.residents = residents;
    }

    /**
     * APPLIED: the application is the submitting clerk's desk's, on today's China date. APP_CAT (APP-04, decision
     * 040): the same application by the holder's sex and age band on that day (dim1 {@code sex|band}) and document
     * type and channel (dim2 {@code type|channel}).
     */
    @EventListener
    void on(CardApplicationSubmitted e) {
        Optional<CurrentUser> clerk = SecurityContextUsers.current();
        String institution = clerk.map(CurrentUser::institutionCode).orElse(NONE);
        LocalDate today = day(clock.instant());
        insert("APPLIED", today, e.regionCode(), institution, NONE, 1);
        // the resident as the resident module holds it in this transaction (registered with the application, perhaps)
        ResidentSummary holder = SecurityContextUsers.runAsSystem(() -> residents.summary(e.residentId()));
        insert("APP_CAT", today, e.regionCode(), institution, orNone(holder.sex()) + "|"
                + ageBand(holder.birthDate(), today), orNone(holder.documentType()) + "|" + orNone(e.channel()), 1);
    }

    /**
     * The APP-04 age band of a holder born on {@code birth} on the day of the application (decision 040; the plain
     * query and V41's backfill compare the same way): 0-17, 18-39, 40-59, 60+, "unknown" without a birth date.
     */
    static String ageBand(LocalDate birth, LocalDate day) {
        if (birth == null) {
            return "unknown";
        }
        if (!birth.isAfter(day.minusYears(60))) {
            return "60+";
        }
        if (!birth.isAfter(day.minusYears(40))) {
            return "40-59";
        }
        return birth.isAfter(day.minusYears(18)) ? "0-17" : "18-39";
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /**
     * A card made (from no status to READY): MADE. Any status change: CARD_STATUS −1 for the old status, +1 for the
     * new. (Issued, the card's arrival at its desk, is ARRIVED: {@link #on(ItemsReceived)}.)
     */
    @EventListener
    void on(CardStatusChanged e) {
        CardView card = card(e.cardNo());
        if (card == null) {
            return;
        }
        LocalDate today = day(clock.instant());
        if (e.from() == null) {
            LocalDate made = card.producedAt() == null ? today : day(card.producedAt());
            insert("MADE", made, card.regionCode(), card.institutionCode(), NONE, 1);
        } else {
            insert("CARD_STATUS", STATUS_DAY, card.regionCode(), card.institutionCode(), e.from().name(), -1);
        }
        insert("CARD_STATUS", STATUS_DAY, card.regionCode(), card.institutionCode(), e.to().name(), 1);
    }

    /**
     * PICKED: on the day the card was ready, with the day it was signed for. ARRIVED_PICKED (decision 040): on the
     * day the card reached its desk, with the day it was signed for (dim1) and the periods holding both (dim2,
     * {@link #sharedPeriods}).
     */
    @EventListener
    void on(CardPickedUp e) {
        LocalDate today = day(clock.instant());
        CardView card = card(e.cardNo());
        if (card != null && card.producedAt() != null) {
            insert("PICKED", day(card.producedAt()), card.regionCode(), card.institutionCode(), today.toString(), 1);
        }
        if (e.cardNo() == null) {
            return;
        }
        // the card's arrival as FlowQueries.arrivals defines it: in stock (or handed over) at its own desk, on the
        // day of its desk's receipt, or the day it was made for an instant card
        String received = sql.chinaDay("sh.received_at");
        String made = sql.chinaDay("c.produced_at");
        jdbc.query("SELECT CASE WHEN si.shipment_no IS NULL THEN " + made + " ELSE " + received + " END,"
                + " c.region_code, c.institution_code FROM stock_item si JOIN card c ON c.card_no = si.card_no"
                + " JOIN card_application a ON a.id = c.application_id"
                + " LEFT JOIN shipment sh ON sh.shipment_no = si.shipment_no WHERE si.card_no = ?"
                + " AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')"
                + " AND (si.shipment_no IS NULL AND c.produced_at IS NOT NULL OR sh.received_at IS NOT NULL)",
                ARRIVAL,
                e.cardNo()).forEach(a -> insert("ARRIVED_PICKED", a.day(), a.region(), a.institution(),
                today.toString(), sharedPeriods(a.day(), today), 1));
    }

    private record Arrival(LocalDate day, String region, String institution) {
    }

    private static final org.springframework.jdbc.core.RowMapper<Arrival> ARRIVAL = (rs, i) ->
            new Arrival(Sql.date(rs.getObject(1)), rs.getString(2), rs.getString(3));

    /**
     * {@code -} and the granularities (D day, W ISO week, M month) whose period holds both the arrival and the
     * pick-up (V43 computes the same): a card arrived in a period is signed for by its end exactly when dim2 names
     * the granularity and the pick-up is on or before the range's last day.
     */
    static String sharedPeriods(LocalDate arrived, LocalDate picked) {
        StringBuilder shared = new StringBuilder(NONE);
        for (cn.healthcard.supervision.Granularity g : cn.healthcard.supervision.Granularity.values()) {
            if (Periods.label(arrived, g).equals(Periods.label(picked, g))) {
                shared.append(g.name().charAt(0));
            }
        }
        return shared.toString();
    }

    /**
     * ARRIVED (decision 040): the application cards a receipt booked into stock at their own desk, on today's China
     * date (the receipt's), per card region and desk.
     */
    @EventListener
    void on(ItemsReceived e) {
        if (e.kind() != ItemKind.CARD || e.itemNos().isEmpty()) {
            return;
        }
        LocalDate today = day(clock.instant());
        List<Object[]> counts = new ArrayList<>();
        for (int i = 0; i < e.itemNos().size(); i += 500) {
            List<String> chunk = e.itemNos().subList(i, Math.min(e.itemNos().size(), i + 500));
            List<Object> args = new ArrayList<>(chunk);
            args.add(e.placeCode());
            counts.addAll(jdbc.query("SELECT c.region_code, c.institution_code, COUNT(*) FROM stock_item si"
                    + " JOIN card c ON c.card_no = si.card_no JOIN card_application a ON a.id = c.application_id"
                    + " WHERE si.card_no IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ") AND si.desk_code = ? GROUP BY c.region_code, c.institution_code",
                    (rs, row) -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)},
                    args.toArray()));
        }
        counts.forEach(c -> insert("ARRIVED", today, (String) c[0], (String) c[1], NONE, (long) c[2]));
    }

    /** ARRIVED (decision 040): an instant card in stock at its desk, on the day it was made. */
    @EventListener
    void on(InstantCardStocked e) {
        jdbc.query("SELECT " + sql.chinaDay("c.produced_at") + ", c.region_code, c.institution_code FROM card c"
                        + " JOIN card_application a ON a.id = c.application_id"
                        + " WHERE c.card_no = ? AND c.produced_at IS NOT NULL",
                ARRIVAL,
                e.cardNo()).forEach(a -> insert("ARRIVED", a.day(), a.region(), a.institution(), NONE, 1));
    }

    /** CARD_USE per scenario, in the region kept on the use (the institution's when it was recorded). */
    @EventListener
    void on(CardUsed e) {
        if (e.regionCode() == null) {
            return; // a use at an institution the register does not know has no region and is not counted
        }
        insert("CARD_USE", day(e.usedAt()), e.regionCode(), e.institutionCode(), e.scenario(), 1);
    }

    private CardView card(String cardNo) {
        // the card as the card module holds it in this transaction (written, perhaps not flushed yet)
        return SecurityContextUsers.runAsSystem(() -> cards.find(cardNo)).orElse(null);
    }

    private void insert(String kind, LocalDate day, String region, String institution, String dim1, long n) {
        insert(kind, day, region, institution, dim1, NONE, n);
    }

    private void insert(String kind, LocalDate day, String region, String institution, String dim1, String dim2,
                        long n) {
        jdbc.update("INSERT INTO stat_delta (kind, stat_date, region_code, institution_code, dim1, dim2, n)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", kind, day, region.strip(), institution, dim1, dim2, n);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ChinaTime.ZONE);
    }
}
