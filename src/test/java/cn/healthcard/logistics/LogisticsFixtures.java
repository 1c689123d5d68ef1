package cn.healthcard.logistics;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import org.springframework.context.ApplicationEventPublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The logistics tests' own world in Gansu (620000), apart from the demo data and other test classes: a card maker, the
 * provincial centre and the 城关区 desk, their keepers, clerk and maker operator (password {@value #SECRET}); sealed
 * batches of fresh card numbers published as the production module would.
 */
public final class LogisticsFixtures {

    public static final String SECRET = "demo1234";
    public static final String MAKER = "CM-620000";
    public static final String CENTRE = "GS-620000";
    public static final String DESK = "GS-620102";
    /** The centre's keeper and warehouse group lead, authorised receiver of the centre. */
    public static final String KEEPER = "gskeeper";
    /** Another keeper of the centre, not an authorised receiver. */
    public static final String KEEPER2 = "gskeeper2";
    /** The desk's keeper, authorised receiver of the desk. */
    public static final String DESK_KEEPER = "gsdeskkeeper";
    public static final String CLERK = "gsclerk";
    public static final String MAKER_OPERATOR = "gsmaker";
    /** A second card maker in the same region, and its operator: sees nothing of {@link #MAKER}'s. */
    public static final String MAKER_B = "CM-620000-B";
    public static final String MAKER_B_OPERATOR = "gsmakerb";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private final InstitutionService institutions;
    private final UserAdministration accounts;
    private final ReceiverService receivers;
    private final TestUsers users;
    private final ApplicationEventPublisher events;

    public LogisticsFixtures(InstitutionService institutions, UserAdministration accounts, ReceiverService receivers,
                             TestUsers users, ApplicationEventPublisher events) {
        this.institutions = institutions;
        this.accounts = accounts;
        this.receivers = receivers;
        this.users = users;
        this.events = events;
    }

    public LogisticsFixtures world() {
        institutions.registerIfAbsent(new Institution("GS-620000", "甘肃省居民健康卡注册管理中心",
                RegionCode.of("620000"), InstitutionKind.REGISTRATION_CENTRE));
        institutions.registerIfAbsent(new Institution(DESK, "兰州市城关区居民健康卡服务中心", RegionCode.of("620102"),
                InstitutionKind.SERVICE_POINT));
        institutions.registerIfAbsent(new Institution(MAKER, "甘肃测试制卡机构", RegionCode.of("620000"),
                InstitutionKind.CARD_MAKER));
        institutions.registerIfAbsent(new Institution(MAKER_B, "甘肃第二测试制卡机构", RegionCode.of("620000"),
                InstitutionKind.CARD_MAKER));
        accounts.createIfAbsent(MAKER_B_OPERATOR, SECRET, "陇二制卡", MAKER_B, Set.of(Role.PRODUCTION), false, true);
        accounts.createIfAbsent(KEEPER, SECRET, "甘库管", CENTRE, Set.of(Role.WAREHOUSE), true, true);
        accounts.createIfAbsent(KEEPER2, SECRET, "肃库管", CENTRE, Set.of(Role.WAREHOUSE), false, true);
        accounts.createIfAbsent(DESK_KEEPER, SECRET, "兰库管", DESK, Set.of(Role.WAREHOUSE), true, true);
        accounts.createIfAbsent(CLERK, SECRET, "关经办", DESK, Set.of(Role.CLERK), false, true);
        accounts.createIfAbsent(MAKER_OPERATOR, SECRET, "陇制卡", MAKER, Set.of(Role.PRODUCTION), false, true);
        receivers.grantIfAbsent(CENTRE, KEEPER);
        receivers.grantIfAbsent(DESK, DESK_KEEPER);
        return this;
    }

    /**
     * A batch of {@code boxes} × {@code perBox} fresh cards for the desk, sealed at the maker: the production module's
     * {@code BatchSealed}, then its {@code CardProductionCompleted} per card. The batch number.
     */
    /**
     * Delivers production's events to logistics' own listener only: these tests make up batches the production module
     * never released (it refuses to seal those); the whole chain is {@code e2e.ProductionChainPostgresIT}.
     */
    public static ApplicationEventPublisher logisticsOnly(cn.healthcard.logistics.internal.ProductionEvents listener) {
        return event -> {
            if (event instanceof BatchSealed sealed) {
                listener.on(sealed);
            } else if (event instanceof CardProductionCompleted completed) {
                listener.on(completed);
            } else {
                throw new IllegalArgumentException("not a production event: " + event);
            }
        };
    }

    public BatchSealed sealBatch(int boxes, int perBox) {
        String batchNo = "PC620000" + String.format("%012d", SERIAL.incrementAndGet());
        List<BatchSealed.SealedBox> sealed = new ArrayList<>();
        long first = SERIAL.getAndAdd((long) boxes * perBox + 10);
        for (int b = 0; b < boxes; b++) {
            List<String> cards = new ArrayList<>();
            for (int c = 0; c < perBox; c++) {
                cards.add("620000" + String.format("%012d", first + (long) b * perBox + c));
            }
            sealed.add(new BatchSealed.SealedBox(batchNo + "-B" + (b + 1), "SEAL-" + batchNo.substring(8) + "-" + (b + 1),
                    cards));
        }
        BatchSealed batch = new BatchSealed(batchNo, MAKER, CENTRE, sealed);
        events.publishEvent(batch);
        for (BatchSealed.SealedBox box : sealed) {
            for (String cardNo : box.cardNos()) {
                events.publishEvent(new CardProductionCompleted("CASE-" + cardNo, "ORDER-" + cardNo, cardNo,
                        "CHIP" + cardNo, batchNo, DESK));
            }
        }
        return batch;
    }

    /** The shipment of a batch maker → centre, as the centre's keeper sees it. */
    public ShipmentView shipmentOf(ShipmentService shipments, String batchNo) {
        return users.as(KEEPER, () -> shipments.list(200)).stream()
                .filter(s -> batchNo.equals(s.batchNo()) && s.kind() == ShipmentKind.MAKER_TO_CENTRE)
                .findFirst().orElseThrow();
    }

    /** Maker → centre, complete: dispatched by the maker, delivered to and counted by the centre's keeper. */
    public ShipmentView receiveAtCentre(ShipmentService shipments, TaskInboxService inbox, BatchSealed batch) {
        ShipmentView s = shipmentOf(shipments, batch.batchNo());
        java.time.LocalDate today = java.time.LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        users.run(MAKER_OPERATOR, () -> shipments.dispatch(task(inbox, MAKER_OPERATOR, s.shipmentNo(),
                ShipmentService.DISPATCH_TASK), new DispatchData("SF" + s.shipmentNo().substring(10),
                "顺丰速运 马师傅", today.plusDays(2))));
        users.run(KEEPER, () -> shipments.deliver(task(inbox, KEEPER, s.shipmentNo(), ShipmentService.DELIVER_TASK)));
        users.run(KEEPER, () -> shipments.count(task(inbox, KEEPER, s.shipmentNo(), ShipmentService.COUNT_TASK),
                new CountData(batch.cardCount(), true, List.of(), List.of(), null)));
        return users.as(KEEPER, () -> shipments.get(s.shipmentNo()));
    }

    /** The open task of the shipment at the step, as the user sees it in the inbox. */
    public String task(TaskInboxService inbox, String user, String shipmentNo, String taskKey) {
        return users.as(user, () -> inbox.find(TaskFilter.all(), 0, 200)).stream()
                .filter(t -> shipmentNo.equals(t.businessKey()) && taskKey.equals(t.taskDefinitionKey()))
                .findFirst().orElseThrow(() -> new AssertionError(user + " sees no task " + taskKey + " of "
                        + shipmentNo)).taskId();
    }
}
