package cn.healthcard.sam.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.SamCardsArrived;
import cn.healthcard.sam.SamCardsMade;
import cn.healthcard.sam.SamEvents.SamCardsMoved;
import cn.healthcard.sam.SamEvents.SamCardsRegistered;
import cn.healthcard.sam.SamNumbers;
import cn.healthcard.sam.SamState;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The register's intake from the SAM supply chain (SAM-02, SAM-03): {@link SamCardsMade} records each number as made,
 * held by its maker; {@link SamCardsArrived} moves each number to the place that signed for it. Both run in the
 * publisher's transaction and check every number before changing any; a replayed event changes nothing (an arrival is
 * kept per shipment and number in {@code sam_arrival}, so an older shipment replayed after a newer one does not move
 * the card back); a malformed number, a number made in another batch or by another maker or for another centre, an
 * unknown number, a cancelled card or a bound card arriving anywhere but at its institution refuses the whole event
 * (the publisher's transaction rolls back).
 */
@Component
class SamIntake {

    private final SamCardRepository cards;
    private final InstitutionService institutions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    SamIntake(SamCardRepository cards, InstitutionService institutions, ApplicationEventPublisher events,
              Clock clock, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.institutions = institutions;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void made(SamCardsMade made) {
        require(made.batchNo(), "batchNo");
        require(made.makerCode(), "makerCode");
        require(made.orderingCentreCode(), "orderingCentreCode");
        List<String> numbers = numbers(made.samNumbers());
        Institution centre = institution(made.orderingCentreCode(), "orderingCentreCode");
        Map<String, SamCard> known = existing(numbers);
        for (SamCard card : known.values()) {
            if (!card.batchNo().equals(made.batchNo()) || !card.makerCode().equals(made.makerCode())
                    || !card.orderingCentreCode().equals(made.orderingCentreCode())) {
                throw new ConflictException("SAM_EXISTS", "SAM卡号 " + card.samNo() + " 已在批次 " + card.batchNo()
                        + "（制卡机构 " + card.makerCode() + "，订购中心 " + card.orderingCentreCode()
                        + "）登记，不能再登记到批次 " + made.batchNo() + "（" + made.makerCode() + "，"
                        + made.orderingCentreCode() + "）");
            }
        }
        String by = SecurityContextUsers.actor();
        Instant now = clock.instant();
        List<SamCard> fresh = numbers.stream().filter(n -> !known.containsKey(n))
                .map(n -> new SamCard(n, made.makerCode(), made.batchNo(), made.orderingCentreCode(),
                        centre.region().value(), by, now)).toList();
        if (!fresh.isEmpty()) {
            cards.saveAll(fresh);
            events.publishEvent(new SamCardsRegistered(made.batchNo(), made.makerCode(), centre.region().value(),
                    fresh.size()));
        }
    }

    @EventListener
    void arrived(SamCardsArrived arrived) {
        require(arrived.shipmentNo(), "shipmentNo");
        require(arrived.placeCode(), "placeCode");
        List<String> numbers = numbers(arrived.samNumbers());
        Institution place = institution(arrived.placeCode(), "placeCode");
        Map<String, SamCard> known = existing(numbers);
        List<String> unknown = numbers.stream().filter(n -> !known.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new ConflictException("SAM_UNKNOWN", "SAM卡号未登记，不能签收: " + String.join(",", unknown));
        }
        Set<String> applied = new HashSet<>(jdbc.queryForList(
                "select sam_no from sam_arrival where shipment_no = ?", String.class, arrived.shipmentNo()));
        List<SamCard> moving = numbers.stream().filter(n -> !applied.contains(n)).map(known::get).toList();
        for (SamCard card : moving) {
            if (card.state() == SamState.CANCELLED) {
                throw new ConflictException("SAM_CANCELLED", "SAM卡 " + card.samNo() + " 已注销，不能签收");
            }
            if (card.bound() && !place.code().equals(card.institutionCode())) {
                throw new ConflictException("SAM_BOUND", "SAM卡 " + card.samNo() + " 已绑定到 "
                        + card.institutionCode() + " 的终端，请先解绑再调拨");
            }
        }
        String by = SecurityContextUsers.actor();
        Instant now = clock.instant();
        for (SamCard card : moving) {
            card.arrived(place.code(), place.region().value(), arrived.shipmentNo(), by, now);
        }
        jdbc.batchUpdate("insert into sam_arrival (shipment_no, sam_no, place_code, arrived_at) values (?, ?, ?, ?)",
                moving.stream().map(c -> new Object[] {arrived.shipmentNo(), c.samNo(), place.code(),
                        Timestamp.from(now)}).toList());
        int moved = moving.size();
        if (moved > 0) {
            events.publishEvent(new SamCardsMoved(arrived.shipmentNo(), place.code(), place.region().value(), moved));
        }
    }

    private Map<String, SamCard> existing(List<String> numbers) {
        return cards.findAllById(numbers).stream().collect(Collectors.toMap(SamCard::samNo, Function.identity()));
    }

    private Institution institution(String code, String field) {
        try {
            return institutions.get(code);
        } catch (NotFoundException e) {
            throw new DomainValidationException(field, "机构未登记: " + code);
        }
    }

    private static List<String> numbers(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new DomainValidationException("samNumbers", "没有SAM卡号");
        }
        List<String> bad = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : raw) {
            if (!SamNumbers.valid(n) || !seen.add(n)) {
                bad.add(String.valueOf(n));
            }
        }
        if (!bad.isEmpty()) {
            throw new DomainValidationException("samNumbers", "SAM卡号格式不对或重复（应为8–32位数字或大写字母）: "
                    + String.join(",", bad.subList(0, Math.min(bad.size(), 10))));
        }
        return List.copyOf(raw);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new DomainValidationException(field, "「" + field + "」为空或过长");
        }
    }
}
