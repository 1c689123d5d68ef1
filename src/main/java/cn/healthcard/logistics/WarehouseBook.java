package cn.healthcard.logistics;

import cn.healthcard.institution.Institution;
import cn.healthcard.logistics.LogisticsEvents.WarehouseMoved;
import cn.healthcard.logistics.internal.WarehouseMovement;
import cn.healthcard.logistics.internal.WarehouseMovementRepository;
import cn.healthcard.workflow.CaseNumbers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/** Writes warehouse-in and warehouse-out records (入库单 / 出库单) with their audit entry, in the caller's transaction. */
@Component
class WarehouseBook {

    static final CaseNumbers.Format IN = new CaseNumbers.Format("RK", "warehouse_movement_no_seq", 6);
    static final CaseNumbers.Format OUT = new CaseNumbers.Format("CK", "warehouse_movement_no_seq", 6);

    private final WarehouseMovementRepository movements;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WarehouseBook(WarehouseMovementRepository movements, CaseNumbers numbers, ApplicationEventPublisher events,
                  Clock clock) {
        this.movements = movements;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock;
    }

    WarehouseMovement book(String direction, Institution unit, String shipmentNo, String batchNo,
                           List<String> cardNos, String person) {
        return book(ItemKind.CARD, direction, unit, shipmentNo, batchNo, cardNos, person);
    }

    WarehouseMovement book(ItemKind kind, String direction, Institution unit, String shipmentNo, String batchNo,
                           List<String> cardNos, String person) {
        String ranges = CardRanges.of(cardNos, 2000);
        WarehouseMovement m = movements.save(new WarehouseMovement(numbers.next("IN".equals(direction) ? IN : OUT,
                unit.region().value()), direction, unit.code(), unit.region().value(), shipmentNo, batchNo,
                cardNos.size(), ranges, unit.code(), person, clock.instant()).withKind(kind));
        events.publishEvent(new WarehouseMoved(m.movementNo(), m.regionCode(), direction, shipmentNo, batchNo,
                cardNos.size(), CardRanges.of(cardNos, 300), unit.code(), person));
        return m;
    }
}
