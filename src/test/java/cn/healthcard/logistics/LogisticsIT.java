package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The chain after production on H2, through the services and over HTTP: a sealed batch becomes stock and a shipment
 * to the centre; dispatch, delivery to the authorised receiver only, count, receipt and warehouse-in; warehouse-out to
 * the desk, a damaged box and its discrepancy handling; pick-up only where the card is in stock; region scoping.
 */
@IntegrationTest
class LogisticsIT {

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration accounts;
    @Autowired ReceiverService receivers;
    @Autowired TestUsers users;
    @Autowired cn.healthcard.logistics.internal.ProductionEvents productionEvents;
    ApplicationEventPublisher events;

    @Autowired ShipmentService shipments;
    @Autowired WarehouseService warehouse;
    @Autowired StockService stock;
    @Autowired ShipmentReceipts receipts;
    @Autowired TaskInboxService inbox;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired AuditLog auditLog;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    LogisticsFixtures world;

    @BeforeEach
    void world() {
        events = LogisticsFixtures.logisticsOnly(productionEvents);
        world = new LogisticsFixtures(institutions, accounts, receivers, users, events).world();
    }

    private String task(String user, String shipmentNo, String taskKey) {
        return world.task(inbox, user, shipmentNo, taskKey);
    }

    private ShipmentView receivedAtCentre(BatchSealed batch) {
        return world.receiveAtCentre(shipments, inbox, batch);
    }

    @Test
    @DisplayName("APP-09 APP-11 BPM-01 a sealed batch is stock at the maker and a shipment; dispatched, delivered, counted complete: received, in stock at the centre, warehouse-in booked with quantity, batch, ranges, unit and person")
    void completeDeliveryToTheCentre() {
        BatchSealed batch = world.sealBatch(2, 5);
        ShipmentView created = world.shipmentOf(shipments, batch.batchNo());
        assertThat(created.status()).isEqualTo(ShipmentStatus.CREATED);
        assertThat(created.boxes()).extracting(ShipmentView.Box::cardCount).containsExactly(5, 5);
        String firstCard = batch.boxes().get(0).cardNos().get(0);
        StockItemView atMaker = users.as(LogisticsFixtures.KEEPER, () -> stock.card(firstCard));
        assertThat(atMaker.status()).isEqualTo(StockStatus.AT_MAKER);
        assertThat(atMaker.placeCode()).isEqualTo(LogisticsFixtures.MAKER);
        assertThat(atMaker.deskCode()).isEqualTo(LogisticsFixtures.DESK);
        assertThat(atMaker.boxNo()).isEqualTo(batch.boxes().get(0).boxNo());

        ShipmentView received = receivedAtCentre(batch);
        assertThat(received.status()).isEqualTo(ShipmentStatus.RECEIVED);
        assertThat(received.waybillNo()).startsWith("SF");
        assertThat(received.carrier()).isEqualTo("顺丰速运 马师傅");
        assertThat(received.deliveredTo()).isEqualTo(LogisticsFixtures.KEEPER);
        assertThat(received.deliveredAt()).isNotNull();
        assertThat(received.receivedAt()).isNotNull();
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.query(batch.batchNo(), null, null, null)))
                .hasSize(10).allSatisfy(i -> {
                    assertThat(i.status()).isEqualTo(StockStatus.IN_STOCK);
                    assertThat(i.placeCode()).isEqualTo(LogisticsFixtures.CENTRE);
                });
        List<MovementView> in = users.as(LogisticsFixtures.KEEPER, () -> warehouse.ofShipment(received.shipmentNo()));
        assertThat(in).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo("IN");
            assertThat(m.quantity()).isEqualTo(10);
            assertThat(m.batchNo()).isEqualTo(batch.batchNo());
            assertThat(m.cardRanges()).isEqualTo(firstCard + "-" + batch.boxes().get(1).cardNos().get(4));
            assertThat(m.responsibleUnit()).isEqualTo(LogisticsFixtures.CENTRE);
            assertThat(m.responsiblePerson()).isEqualTo(LogisticsFixtures.KEEPER);
        });
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.summary()))
                .anySatisfy(c -> {
                    assertThat(c.placeCode()).isEqualTo(LogisticsFixtures.CENTRE);
                    assertThat(c.status()).isEqualTo(StockStatus.IN_STOCK);
                    assertThat(c.cards()).isGreaterThanOrEqualTo(10);
                });
        assertThat(users.as("auditor", () -> auditLog.about("Shipment", received.shipmentNo())))
                .extracting(AuditLog.Entry::eventType).containsSubsequence("ShipmentCreated", "ShipmentDispatched",
                        "ShipmentDelivered", "ShipmentCounted", "ShipmentReceived");
    }

    @Test
    @DisplayName("PER-13 a keeper who is not an authorised receiver is refused in the service, the refusal is audited and the shipment stays undelivered")
    void refusedReceiver() {
        BatchSealed batch = world.sealBatch(1, 3);
        ShipmentView s = world.shipmentOf(shipments, batch.batchNo());
        users.run(LogisticsFixtures.MAKER_OPERATOR, () -> shipments.dispatch(task(LogisticsFixtures.MAKER_OPERATOR,
                s.shipmentNo(), ShipmentService.DISPATCH_TASK), new DispatchData("EMS1", "邮政 李师傅",
                LocalDate.now(cn.healthcard.common.ChinaTime.ZONE))));
        String deliver = task(LogisticsFixtures.KEEPER2, s.shipmentNo(), ShipmentService.DELIVER_TASK);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER2, () -> shipments.deliver(deliver)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("不是")
                .hasMessageContaining("授权接收人");
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> shipments.get(s.shipmentNo())).status())
                .isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(users.as("auditor", () -> auditLog.about("Shipment", s.shipmentNo())))
                .filteredOn(e -> e.eventType().equals("ShipmentReceiverRefused")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(LogisticsFixtures.KEEPER2));
        // a keeper of the desk (another institution) is refused as well; the authorised keeper then takes it
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.deliver(deliver)))
                .isInstanceOf(RuntimeException.class);
        users.run(LogisticsFixtures.KEEPER, () -> shipments.deliver(deliver));
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> shipments.get(s.shipmentNo())).status())
                .isEqualTo(ShipmentStatus.DELIVERED);
        // the count, too, is refused to a keeper who is not an authorised receiver, and audited
        String count = task(LogisticsFixtures.KEEPER2, s.shipmentNo(), ShipmentService.COUNT_TASK);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER2, () -> shipments.count(count,
                new CountData(3, true, List.of(), List.of(), null))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("甘肃省居民健康卡注册管理中心");
        assertThat(users.as("auditor", () -> auditLog.about("Shipment", s.shipmentNo())))
                .filteredOn(e -> e.eventType().equals("ShipmentReceiverRefused")
                        && e.actor().equals(LogisticsFixtures.KEEPER2)).hasSize(2);
    }

    @Test
    @DisplayName("APP-10 APP-09 PER-12 a card at the centre is refused at the desk's pick-up (409 naming where it is); warehouse-out to the desk, a damaged box handled with the sender, then the card is picked up where delivered, once")
    void warehouseOutDamagedBoxAndPickUp() {
        BatchSealed batch = world.sealBatch(2, 4);
        receivedAtCentre(batch);
        String good = batch.boxes().get(0).cardNos().get(0);
        String broken = batch.boxes().get(1).cardNos().get(0);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.CLERK, () -> stock.issueAtDesk(good, "CASE-" + good)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("在库")
                .hasMessageContaining("甘肃省居民健康卡注册管理中心")
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(StockService.NOT_AT_DESK));

        ShipmentView out = users.as(LogisticsFixtures.KEEPER, () -> warehouse.warehouseOut(
                new WarehouseOutData(LogisticsFixtures.DESK, batch.batchNo(), "GS-SEAL-1")));
        assertThat(out.kind()).isEqualTo(ShipmentKind.CENTRE_TO_DESK);
        // the steps run in the desk's region (the narrower one), which the centre's people cover as well
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(out.shipmentNo()).list())
                .singleElement().satisfies(p -> assertThat(runtime.getVariable(p.getId(), "regionCode"))
                        .isEqualTo("620102"));
        assertThat(out.cardCount()).isEqualTo(8);
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.card(good)).status())
                .isEqualTo(StockStatus.IN_TRANSIT);
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> warehouse.ofShipment(out.shipmentNo())))
                .singleElement().satisfies(m -> assertThat(m.direction()).isEqualTo("OUT"));
        // the same cards a second time: nothing left for the desk
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER, () -> warehouse.warehouseOut(
                new WarehouseOutData(LogisticsFixtures.DESK, batch.batchNo(), "GS-SEAL-2"))))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(WarehouseService.NOTHING_IN_STOCK));

        users.run(LogisticsFixtures.KEEPER, () -> shipments.dispatch(task(LogisticsFixtures.KEEPER, out.shipmentNo(),
                ShipmentService.DISPATCH_TASK), new DispatchData("GS-DELIVERY-7", "中心送货员 王师傅",
                LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).plusDays(1))));
        users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.deliver(task(LogisticsFixtures.DESK_KEEPER,
                out.shipmentNo(), ShipmentService.DELIVER_TASK)));
        String count = task(LogisticsFixtures.DESK_KEEPER, out.shipmentNo(), ShipmentService.COUNT_TASK);
        String damagedBox = batch.boxes().get(1).boxNo();
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.count(count,
                new CountData(4, false, List.of(damagedBox), List.of(), " "))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).contains("note"));
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.count(count,
                new CountData(4, false, List.of("NO-SUCH-BOX"), List.of(), "封签破损"))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).contains("damagedBoxes"));
        // PER-13 the count books what was counted: 8 counted while a box is damaged, or seals broken without a box
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.count(count,
                new CountData(8, false, List.of(damagedBox), List.of(), "封签破损"))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("receivedCount"));
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.count(count,
                new CountData(8, false, List.of(), List.of(), "封签破损"))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("damagedBoxes"));
        users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.count(count,
                new CountData(4, false, List.of(damagedBox), List.of(), "第二箱封签破损，箱体开裂")));
        assertThat(users.as(LogisticsFixtures.DESK_KEEPER, () -> shipments.get(out.shipmentNo())).status())
                .isEqualTo(ShipmentStatus.DISCREPANCY);
        // the sender (the centre's keeper) cannot close the discrepancy raised against it; the recount must be what
        // is booked; the receiver's authorised receiver confirms
        String resolve = task(LogisticsFixtures.DESK_KEEPER, out.shipmentNo(), ShipmentService.DISCREPANCY_TASK);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER, () -> shipments.resolve(resolve,
                new ResolutionData(4, true, "发出方自行办结")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.resolve(resolve,
                new ResolutionData(8, true, "复点"))))
                .isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("recount"));
        users.run(LogisticsFixtures.DESK_KEEPER, () -> shipments.resolve(resolve,
                new ResolutionData(4, true, "复点第二箱，4张卡片外观受损，登记调查并补发")));
        ShipmentView done = users.as(LogisticsFixtures.DESK_KEEPER, () -> shipments.get(out.shipmentNo()));
        assertThat(done.status()).isEqualTo(ShipmentStatus.RECEIVED);
        assertThat(done.boxes()).extracting(ShipmentView.Box::status)
                .containsExactly(BoxStatus.RECEIVED, BoxStatus.DAMAGED);
        assertThat(users.as(LogisticsFixtures.DESK_KEEPER, () -> stock.card(broken)).status())
                .isEqualTo(StockStatus.DAMAGED);
        StockItemView atDesk = users.as(LogisticsFixtures.DESK_KEEPER, () -> stock.card(good));
        assertThat(atDesk.status()).isEqualTo(StockStatus.IN_STOCK);
        assertThat(atDesk.placeCode()).isEqualTo(LogisticsFixtures.DESK);

        // pick-up at the desk: the good card once, the damaged one never
        users.run(LogisticsFixtures.CLERK, () -> stock.issueAtDesk(good, "CASE-" + good));
        assertThat(users.as(LogisticsFixtures.DESK_KEEPER, () -> stock.card(good)).status())
                .isEqualTo(StockStatus.ISSUED);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.CLERK, () -> stock.issueAtDesk(good, "CASE-" + good)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已发放");
        assertThatThrownBy(() -> users.run(LogisticsFixtures.CLERK, () -> stock.issueAtDesk(broken, "CASE-" + broken)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("损坏");
        // a clerk of another desk (Beijing Chaoyang) cannot hand out the Gansu card
        String other = batch.boxes().get(0).cardNos().get(1);
        assertThatThrownBy(() -> users.run("clerk", () -> stock.issueAtDesk(other, "CASE-" + other)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("兰州市城关区");

        byte[] pdf = users.as(LogisticsFixtures.DESK_KEEPER, () -> receipts.receipt(out.shipmentNo()));
        assertThat(pdf).startsWith("%PDF".getBytes());
    }

    @Test
    @DisplayName("APP-10 an instant card (no batch) is in stock at its desk at once and is picked up there")
    void instantCard() {
        String cardNo = "620102" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        events.publishEvent(new cn.healthcard.production.CardProductionCompleted("CASE-I-" + cardNo, "SIM-1", cardNo,
                "CHIP", null, LogisticsFixtures.DESK));
        assertThat(users.as(LogisticsFixtures.DESK_KEEPER, () -> stock.card(cardNo)))
                .satisfies(i -> {
                    assertThat(i.status()).isEqualTo(StockStatus.IN_STOCK);
                    assertThat(i.placeCode()).isEqualTo(LogisticsFixtures.DESK);
                });
        users.run(LogisticsFixtures.CLERK, () -> stock.issueAtDesk(cardNo, "CASE-I-" + cardNo));
        assertThat(users.as(LogisticsFixtures.DESK_KEEPER, () -> stock.card(cardNo)).status())
                .isEqualTo(StockStatus.ISSUED);
    }

    @Test
    @DisplayName("ORG-05 APP-09 PER-13 another region's shipment, stock, warehouse and receivers answer 404; wrong role 403; only the lead or an admin manages receivers")
    void regionScopingAndRoles() {
        BatchSealed batch = world.sealBatch(1, 2);
        ShipmentView s = world.shipmentOf(shipments, batch.batchNo());
        String card = batch.boxes().get(0).cardNos().get(0);
        // Beijing's keeper (demo user warehouse at BJ-110000) sees nothing of Gansu
        assertThatThrownBy(() -> users.run("warehouse", () -> shipments.get(s.shipmentNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("warehouse", () -> stock.card(card))).isInstanceOf(NotFoundException.class);
        assertThat(users.as("warehouse", () -> shipments.list(200)))
                .noneMatch(v -> v.shipmentNo().equals(s.shipmentNo()));
        assertThatThrownBy(() -> users.run("warehouse", () -> warehouse.warehouseOut(
                new WarehouseOutData(LogisticsFixtures.DESK, null, "X"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("warehouse", () -> receivers.list(LogisticsFixtures.CENTRE)))
                .isInstanceOf(NotFoundException.class);
        // wrong role: a clerk cannot move stock
        assertThatThrownBy(() -> users.run(LogisticsFixtures.CLERK, () -> warehouse.warehouseOut(
                new WarehouseOutData(LogisticsFixtures.DESK, null, "X"))))
                .isInstanceOf(AccessDeniedException.class);
        // the maker dispatches, but cannot take the delivery meant for the centre
        users.run(LogisticsFixtures.MAKER_OPERATOR, () -> shipments.dispatch(task(LogisticsFixtures.MAKER_OPERATOR,
                s.shipmentNo(), ShipmentService.DISPATCH_TASK), new DispatchData("W1", "C1", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE))));
        // receivers: the keeper who is not the lead may not grant; the lead may; a replay is 409
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER2, () -> receivers.grant(LogisticsFixtures.CENTRE,
                LogisticsFixtures.KEEPER2))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER, () -> receivers.grant(LogisticsFixtures.CENTRE,
                "bad name; drop"))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER, () -> receivers.grant(LogisticsFixtures.CENTRE,
                LogisticsFixtures.KEEPER))).isInstanceOf(ConflictException.class);
        // PER-13 only an enabled keeper of the institution can be authorised: unknown, another institution's, a clerk
        for (String who : List.of("nosuchuser" + System.nanoTime() % 100000, LogisticsFixtures.DESK_KEEPER,
                LogisticsFixtures.CLERK)) {
            assertThatThrownBy(() -> users.run(LogisticsFixtures.KEEPER, () -> receivers.grant(LogisticsFixtures.CENTRE,
                    who))).isInstanceOf(DomainValidationException.class)
                    .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                            .extracting(v -> v.field()).containsExactly("username"));
        }
        String deliver = task(LogisticsFixtures.KEEPER, s.shipmentNo(), ShipmentService.DELIVER_TASK);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.MAKER_OPERATOR, () -> shipments.deliver(deliver)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Autowired cn.healthcard.issuance.CardApplicationService applications;
    @Autowired cn.healthcard.card.CardService cards;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    @DisplayName("APP-10 APP-12 the issuance pick-up calls the check: a card whose stock is at the centre is refused at the desk with 409 naming the centre; back at the desk it is handed out and leaves stock")
    void issuancePickUpOnlyWhereDelivered() {
        var scenario = new cn.healthcard.support.CardApplicationScenarios(applications, inbox, cards, users);
        String id = scenario.submit("clerk", cn.healthcard.support.TestResidents.newResident("库存检")).applicationId();
        scenario.review("supervisor", id, cn.healthcard.workflow.Review.Outcome.APPROVE, null);
        var ready = scenario.awaitStatus("clerk", id, cn.healthcard.issuance.ApplicationStatus.READY);
        assertThat(users.as("clerk", () -> stock.card(ready.cardNo())).placeCode()).isEqualTo("BJ-110105");
        // the card is recorded at the Beijing centre, as if it had never been delivered to the desk
        jdbc.update("UPDATE stock_item SET place_code = 'BJ-110000', place_region = '110000' WHERE card_no = ?",
                ready.cardNo());
        var pickup = scenario.task("clerk", id, cn.healthcard.issuance.CardApplicationService.PICKUP_TASK);
        var data = new cn.healthcard.issuance.PickupData(true, null, null, null, true, null);
        assertThatThrownBy(() -> users.as("clerk", () -> applications.registerPickup(pickup.taskId(), data)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("北京市居民健康卡注册管理中心")
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(StockService.NOT_AT_DESK));
        assertThat(users.as("clerk", () -> applications.get(id)).status())
                .isEqualTo(cn.healthcard.issuance.ApplicationStatus.READY);
        jdbc.update("UPDATE stock_item SET place_code = 'BJ-110105', place_region = '110105' WHERE card_no = ?",
                ready.cardNo());
        users.as("clerk", () -> applications.registerPickup(pickup.taskId(), data));
        assertThat(users.as("clerk", () -> stock.card(ready.cardNo())).status()).isEqualTo(StockStatus.ISSUED);
        assertThat(users.as("auditor", () -> auditLog.about("StockItem", ready.cardNo())))
                .extracting(AuditLog.Entry::eventType).containsExactly("CardIssuedFromStock");
    }

    @Test
    @DisplayName("ORG-05 APP-09 APP-11 another card maker in the same region sees none of this maker's shipments, receipts, warehouse records or stock (404 / empty), also over HTTP")
    void anotherMakerSeesNothing() {
        BatchSealed batch = world.sealBatch(1, 2);
        ShipmentView s = world.receiveAtCentre(shipments, inbox, batch);
        String card = batch.boxes().get(0).cardNos().get(0);
        String other = LogisticsFixtures.MAKER_B_OPERATOR;
        assertThatThrownBy(() -> users.run(other, () -> shipments.get(s.shipmentNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run(other, () -> receipts.receipt(s.shipmentNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run(other, () -> warehouse.ofShipment(s.shipmentNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run(other, () -> stock.card(card))).isInstanceOf(NotFoundException.class);
        assertThat(users.as(other, () -> shipments.list(200))).isEmpty();
        assertThat(users.as(other, () -> stock.query(batch.batchNo(), null, null, null))).isEmpty();
        assertThat(users.as(other, () -> stock.query(null, null, card, card))).isEmpty();
        assertThat(users.as(other, () -> stock.summary()))
                .allSatisfy(c -> assertThat(c.placeCode()).isEqualTo(LogisticsFixtures.MAKER_B));
        assertThat(users.as(other, () -> warehouse.movements(200))).isEmpty();
        // the maker itself still sees its shipment, but not the centre's stock or warehouse-in
        assertThat(users.as(LogisticsFixtures.MAKER_OPERATOR, () -> shipments.get(s.shipmentNo())).shipmentNo())
                .isEqualTo(s.shipmentNo());
        assertThat(users.as(LogisticsFixtures.MAKER_OPERATOR, () -> warehouse.ofShipment(s.shipmentNo()))).isEmpty();
        assertThat(users.as(LogisticsFixtures.MAKER_OPERATOR, () -> stock.summary()))
                .allSatisfy(c -> assertThat(c.placeCode()).isEqualTo(LogisticsFixtures.MAKER));
        String base = "/api/v1/logistics/shipments/" + s.shipmentNo();
        assertThat(call(other, HttpMethod.GET, base, null).getStatusCode().value()).isEqualTo(404);
        assertThat(call(other, HttpMethod.GET, base + "/receipt", null).getStatusCode().value()).isEqualTo(404);
        assertThat(call(other, HttpMethod.GET, "/api/v1/logistics/stock?batchNo=" + batch.batchNo(), null)
                .getBody()).isEqualTo("[]");
    }

    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    @DisplayName("APP-09 a sealed batch logistics cannot handle yet (unknown centre) does not roll back the sealing; it stays open and, retried once the centre exists, gives exactly one shipment")
    void failedBatchSealedIsKeptAndRetried() {
        long n = System.nanoTime() % 1_000_000_000L;
        String centre = "GS-RT-" + n;
        String marker = "GS-MK-" + n;
        String batchNo = "PC620000R" + n;
        List<String> cards = List.of("620000" + String.format("%012d", n * 10 + 1),
                "620000" + String.format("%012d", n * 10 + 2));
        BatchSealed batch = new BatchSealed(batchNo, LogisticsFixtures.MAKER, centre,
                List.of(new BatchSealed.SealedBox(batchNo + "-B1", "SEAL-R", cards)));
        // the floor's sealing transaction: its own work plus the event; logistics fails on the unknown centre
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t -> {
            institutions.registerIfAbsent(new cn.healthcard.institution.Institution(marker, "封箱事务标记",
                    cn.healthcard.common.RegionCode.of("620000"), cn.healthcard.institution.InstitutionKind.SERVICE_POINT));
            events.publishEvent(batch);
        });
        assertThat(institutions.get(marker).code()).isEqualTo(marker);
        assertThat(shipmentCount(batchNo)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM logistics_inbox WHERE event_key = ? AND done_at IS NULL"
                + " AND attempts = 1 AND last_error LIKE '%" + centre + "%'", Integer.class, batchNo)).isEqualTo(1);

        institutions.registerIfAbsent(new cn.healthcard.institution.Institution(centre, "甘肃重试测试中心",
                cn.healthcard.common.RegionCode.of("620000"),
                cn.healthcard.institution.InstitutionKind.REGISTRATION_CENTRE));
        assertThat(productionEvents.retryOpen(java.time.Duration.ZERO)).isGreaterThanOrEqualTo(1);
        productionEvents.retryOpen(java.time.Duration.ZERO);
        events.publishEvent(batch); // a redelivery
        assertThat(shipmentCount(batchNo)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM logistics_inbox WHERE event_key = ? AND done_at IS NULL",
                Integer.class, batchNo)).isZero();
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.card(cards.get(0))).status())
                .isEqualTo(StockStatus.AT_MAKER);
    }

    @Test
    @DisplayName("APP-09 a sealed batch of another batch number naming a card already in stock at the centre leaves that card where it is (StockConflict audited)")
    void replayedCardIsNotReset() {
        BatchSealed batch = world.sealBatch(1, 2);
        world.receiveAtCentre(shipments, inbox, batch);
        String card = batch.boxes().get(0).cardNos().get(0);
        BatchSealed wrong = new BatchSealed(batch.batchNo() + "X", LogisticsFixtures.MAKER, LogisticsFixtures.CENTRE,
                List.of(new BatchSealed.SealedBox(batch.batchNo() + "X-B1", "SEAL-X", List.of(card))));
        events.publishEvent(wrong);
        StockItemView item = users.as(LogisticsFixtures.KEEPER, () -> stock.card(card));
        assertThat(item.status()).isEqualTo(StockStatus.IN_STOCK);
        assertThat(item.batchNo()).isEqualTo(batch.batchNo());
        assertThat(shipmentCount(wrong.batchNo())).isZero();
        assertThat(users.as("auditor", () -> auditLog.about("StockItem", card)))
                .extracting(AuditLog.Entry::eventType).contains("StockConflict");
    }

    @Test
    @DisplayName("APP-09 a card number range matching more than the limit is refused with 400 范围过大 on toCard, read from the database no further than the limit")
    void rangeQueryIsBounded() {
        String prefix = "62000Q" + String.format("%06d", System.nanoTime() % 1_000_000);
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i <= StockService.MAX_QUERY; i++) {
            rows.add(new Object[] {prefix + String.format("%06d", i), LogisticsFixtures.MAKER_B});
        }
        jdbc.batchUpdate("INSERT INTO stock_item (card_no, place_code, place_region, status, updated_by, updated_at,"
                + " version) VALUES (?, ?, '620000', 'AT_MAKER', 'SYSTEM', CURRENT_TIMESTAMP, 0)", rows);
        assertThatThrownBy(() -> users.run(LogisticsFixtures.MAKER_B_OPERATOR, () -> stock.query(null, null,
                prefix + "000000", prefix + "999999")))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("范围过大")
                .satisfies(e -> assertThat(((DomainValidationException) e).violations())
                        .extracting(v -> v.field()).containsExactly("toCard"));
        assertThat(users.as(LogisticsFixtures.MAKER_B_OPERATOR, () -> stock.query(null, null, prefix + "000000",
                prefix + "000009"))).hasSize(10);
    }

    private int shipmentCount(String batchNo) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM shipment WHERE batch_no = ? AND kind = 'MAKER_TO_CENTRE'",
                Integer.class, batchNo);
    }

    // ---------------------------------------------------------------- over HTTP

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, LogisticsFixtures.SECRET).exchange(path, method,
                new HttpEntity<>(body, headers), String.class);
    }

    @Test
    @DisplayName("APP-11 ORG-05 BPM-06 over HTTP: 400 naming the field, 404 for another region, replayed steps 409, overlong values refused; the 签收单 PDF of a received shipment")
    void overHttp() throws Exception {
        BatchSealed batch = world.sealBatch(2, 3);
        ShipmentView s = world.shipmentOf(shipments, batch.batchNo());
        String base = "/api/v1/logistics/shipments/" + s.shipmentNo();
        ResponseEntity<String> bad = call(LogisticsFixtures.MAKER_OPERATOR, HttpMethod.POST, base + "/dispatch",
                Map.of("waybillNo", "W".repeat(41), "carrier", "承运人", "expectedDate", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).toString()));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("waybillNo");
        assertThat(call("warehouse", HttpMethod.GET, base, null).getStatusCode().value()).isEqualTo(404);
        assertThat(call("warehouse", HttpMethod.POST, base + "/dispatch", Map.of("waybillNo", "W1", "carrier", "C",
                "expectedDate", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).toString())).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> dispatched = call(LogisticsFixtures.MAKER_OPERATOR, HttpMethod.POST, base + "/dispatch",
                Map.of("waybillNo", "SF-HTTP-1", "carrier", "顺丰 赵师傅", "expectedDate", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).toString()));
        assertThat(dispatched.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(dispatched.getBody()).get("status").asText()).isEqualTo("DISPATCHED");
        // replay: the shipment is no longer at the dispatch step
        assertThat(call(LogisticsFixtures.MAKER_OPERATOR, HttpMethod.POST, base + "/dispatch", Map.of("waybillNo",
                "SF-HTTP-2", "carrier", "X", "expectedDate", LocalDate.now(cn.healthcard.common.ChinaTime.ZONE).toString())).getStatusCode().value())
                .isEqualTo(409);
        assertThat(call(LogisticsFixtures.KEEPER2, HttpMethod.POST, base + "/delivery", null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(call(LogisticsFixtures.KEEPER, HttpMethod.GET, base + "/receipt", null).getStatusCode().value())
                .isEqualTo(409);
        assertThat(call(LogisticsFixtures.KEEPER, HttpMethod.POST, base + "/delivery", null).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<String> missingNote = call(LogisticsFixtures.KEEPER, HttpMethod.POST, base + "/count",
                Map.of("receivedCount", 3, "sealsIntact", true, "missingBoxes", List.of(batch.boxes().get(1).boxNo())));
        assertThat(missingNote.getStatusCode().value()).isEqualTo(400);
        assertThat(missingNote.getBody()).contains("note");
        ResponseEntity<String> counted = call(LogisticsFixtures.KEEPER, HttpMethod.POST, base + "/count",
                Map.of("receivedCount", 3, "sealsIntact", true, "missingBoxes", List.of(batch.boxes().get(1).boxNo()),
                        "note", "第二箱未随车送达"));
        assertThat(json.readTree(counted.getBody()).get("status").asText()).isEqualTo("DISCREPANCY");
        // PER-12 the maker whose box is missing cannot close the discrepancy alone: the task is the receiver's
        // keepers' (404 for the maker), and the service refuses a sender anyway (see warehouseOutDamagedBoxAndPickUp)
        assertThat(call(LogisticsFixtures.MAKER_OPERATOR, HttpMethod.POST, base + "/discrepancy-resolution",
                Map.of("recount", 3, "replacementCards", true, "investigation", "制卡机构自行办结"))
                .getStatusCode().value()).isEqualTo(404);
        // the longest investigation with replacement cards is stored whole (no 500)
        String longest = "承运商遗漏一箱，已立案调查，制卡机构补发该箱卡片" + "。".repeat(500 - 24);
        ResponseEntity<String> resolved = call(LogisticsFixtures.KEEPER, HttpMethod.POST,
                base + "/discrepancy-resolution", Map.of("recount", 3, "replacementCards", true,
                        "investigation", longest));
        assertThat(resolved.getStatusCode().value()).isEqualTo(200);
        JsonNode done = json.readTree(resolved.getBody());
        assertThat(done.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.card(batch.boxes().get(1).cardNos().get(0))).status())
                .isEqualTo(StockStatus.MISSING);
        assertThat(done.get("resolution").asText()).startsWith(longest).endsWith("（发出方补发卡片）");
        // the replacement of the missing box's cards is announced with their cases
        assertThat(users.as("auditor", () -> auditLog.about("Shipment", s.shipmentNo())))
                .filteredOn(e -> e.eventType().equals("ReplacementCardsRequested")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("3 张").contains("CASE-" + batch.boxes().get(1)
                        .cardNos().get(0)));

        ResponseEntity<byte[]> pdf = rest.withBasicAuth(LogisticsFixtures.KEEPER, LogisticsFixtures.SECRET)
                .getForEntity(base + "/receipt", byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        var text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf.getBody()))
                .getTextFromPage(1);
        assertThat(text).contains("居民健康卡物流签收单").contains(s.shipmentNo()).contains("SF-HTTP-1")
                .contains("顺丰 赵师傅").contains("甘库管").contains("缺失").contains("承运商遗漏一箱");
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/shipment-receipt.pdf"), pdf.getBody());

        ResponseEntity<String> out = call(LogisticsFixtures.KEEPER, HttpMethod.POST, "/api/v1/logistics/warehouse-outs",
                Map.of("deskCode", LogisticsFixtures.DESK, "sealNo", ""));
        assertThat(out.getStatusCode().value()).isEqualTo(400);
        assertThat(out.getBody()).contains("sealNo");
        assertThat(call("warehouse", HttpMethod.GET, "/api/v1/logistics/stock?batchNo=" + batch.batchNo(), null)
                .getBody()).isEqualTo("[]");
        assertThat(call(LogisticsFixtures.KEEPER, HttpMethod.GET, "/api/v1/logistics/stock", null)
                .getStatusCode().value()).isEqualTo(400);
    }
}
