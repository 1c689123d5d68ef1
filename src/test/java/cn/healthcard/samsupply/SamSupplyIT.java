package cn.healthcard.samsupply;

import static cn.healthcard.samsupply.SamSupplyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.logistics.CountData;
import cn.healthcard.logistics.DispatchData;
import cn.healthcard.logistics.ResolutionData;
import cn.healthcard.logistics.ShipmentKind;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.WarehouseService;
import cn.healthcard.sam.SamCardsArrived;
import cn.healthcard.sam.SamCardsMade;
import cn.healthcard.samsupply.internal.SimulatedSamMaker;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.Withdrawal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.LocalDate;
import java.util.List;

/**
 * The SAM supply chain on H2 through the services: registration by a city centre, the province's review and report,
 * the national plan ordered from a filed SAM maker, the maker's answer (SamCardsMade), the receipt at the province
 * and the hospital's signature (SamCardsArrived) through logistics; and the attacks: other regions, wrong levels, bad
 * input, reporting twice, an unfiled maker, a replayed answer, a receipt by someone not authorised.
 */
@IntegrationTest
@RecordApplicationEvents
class SamSupplyIT {

    @Autowired ApplicationContext context;
    @Autowired TestUsers users;
    @Autowired SamApplicationService applications;
    @Autowired SamPlanningService planning;
    @Autowired SamMakerAnswers answers;
    @Autowired SimulatedSamMaker maker;
    @Autowired ShipmentService shipments;
    @Autowired WarehouseService warehouse;
    @Autowired cn.healthcard.logistics.StockService stock;
    @Autowired TaskInboxService inbox;
    @Autowired AuditLog auditLog;
    @Autowired ApplicationEvents events;
    @Autowired SamReceipts receipts;
    @Autowired SamSupplyStatistics statistics;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;

    @BeforeEach
    void world() {
        SamSupplyFixtures.ensure(context);
    }

    private SamApplicationView register(int quantity) {
        return users.as(CLERK, () -> applications.register(new SamApplicationData(HOSPITAL, SamTerminalType.POS,
                quantity, "门诊新增POS终端")));
    }

    private String task(String user, String no, String step) {
        return SamSupplyFixtures.task(inbox, users, user, no, step);
    }

    private SamApplicationView approved(int quantity) {
        SamApplicationView a = register(quantity);
        String t = task(PROVINCE_SUP, a.applicationNo(), SamApplicationService.REVIEW_TASK);
        return users.as(PROVINCE_SUP, () -> applications.review(t, Review.approve()));
    }

    /** The plan once the background sender has tried each of its orders (none SENDING, each tried once at least). */
    private SamPlanView sent(String planNo) {
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            SamPlanView p = users.as(NATIONAL_SUP, () -> planning.plan(planNo));
            if (p.orders().stream().allMatch(o -> o.attempts() > 0 && o.status() != SamOrderStatus.SENDING)) {
                return p;
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("orders of " + planNo + " not sent: " + p.orders());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> fields(Throwable e) {
        return ((DomainValidationException) e).violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    @DisplayName("SAM-01 SAM-02 SAM-03 BPM-01 registered by the city, approved and reported by the province, planned and ordered by the national centre from a filed SAM maker; made (SamCardsMade), received at the province and signed for by the hospital's authorised receiver (SamCardsArrived each time)")
    void wholeChain() {
        SamApplicationView a = approved(12);
        assertThat(a.status()).isEqualTo(SamApplicationStatus.APPROVED);
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo())));
        assertThat(report.applications()).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(SamApplicationStatus.REPORTED));
        assertThat(report.totalQuantity()).isEqualTo(12);

        maker.unavailableFor(1); // the background send fails; the retry runs here so its events are recorded
        SamPlanView plan = users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER));
        assertThat(plan.makerCreditCode()).isEqualTo(MAKER_CREDIT);
        assertThat(context.getBean(SamOrders.class).send(sent(plan.planNo()).orders().get(0).orderNo())).isTrue();
        SamPlanView after = users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo()));
        assertThat(after.orders()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(SamOrderStatus.MADE);
            assertThat(o.madeCount() + o.failedCount()).isEqualTo(12);
            assertThat(o.shipmentNo()).startsWith("YD520000");
        });
        SamApplicationView made = users.as(CLERK, () -> applications.get(a.applicationNo()));
        assertThat(made.status()).isEqualTo(SamApplicationStatus.MADE);
        SamCardsMade madeEvent = events.stream(SamCardsMade.class).filter(e -> e.makerCode().equals(MAKER))
                .reduce((x, y) -> y).orElseThrow();
        assertThat(madeEvent.orderingCentreCode()).isEqualTo("NHC-000000");
        assertThat(madeEvent.samNumbers()).hasSize(made.madeCount())
                .allMatch(n -> n.matches("SB[0-9A-F]{12}\\d{4}"));

        String shipmentNo = after.orders().get(0).shipmentNo();
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        users.run(MAKER_OPERATOR, () -> shipments.dispatch(task(MAKER_OPERATOR, shipmentNo,
                ShipmentService.DISPATCH_TASK), new DispatchData("SF" + shipmentNo.substring(12), "顺丰 黔师傅",
                today.plusDays(1))));
        users.run(KEEPER, () -> shipments.deliver(task(KEEPER, shipmentNo, ShipmentService.DELIVER_TASK)));
        users.run(KEEPER, () -> shipments.count(task(KEEPER, shipmentNo, ShipmentService.COUNT_TASK),
                new CountData(made.madeCount(), true, List.of(), List.of(), null)));
        assertThat(events.stream(SamCardsArrived.class).filter(e -> e.shipmentNo().equals(shipmentNo)))
                .singleElement().satisfies(e -> {
                    assertThat(e.placeCode()).isEqualTo(PROVINCE);
                    assertThat(e.samNumbers()).containsExactlyInAnyOrderElementsOf(madeEvent.samNumbers());
                });

        ShipmentView out = users.as(KEEPER, () -> warehouse.warehouseOutSams(HOSPITAL, madeEvent.batchNo(),
                "SEAL-GZS-1"));
        assertThat(out.kind()).isEqualTo(ShipmentKind.CENTRE_TO_INST);
        assertThat(out.cardCount()).isEqualTo(made.madeCount());
        users.run(KEEPER, () -> shipments.dispatch(task(KEEPER, out.shipmentNo(), ShipmentService.DISPATCH_TASK),
                new DispatchData("EMS" + out.shipmentNo().substring(12), "省中心 送货员小吴", today.plusDays(2))));

        // PER-13 for SAMs: a keeper of the hospital who is not an authorised receiver is refused (403) and audited
        String deliver = task(HOSPITAL_KEEPER, out.shipmentNo(), ShipmentService.DELIVER_TASK);
        assertThatThrownBy(() -> users.run(HOSPITAL_KEEPER2, () -> shipments.deliver(deliver)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("NOT_AUTHORISED_RECEIVER");
        assertThat(users.as("auditor", () -> auditLog.about("Shipment", out.shipmentNo())))
                .extracting(AuditLog.Entry::eventType).contains("ShipmentReceiverRefused");
        assertThat(users.as(KEEPER, () -> shipments.get(out.shipmentNo())).status())
                .isEqualTo(ShipmentStatus.DISPATCHED);

        users.run(HOSPITAL_KEEPER, () -> shipments.deliver(deliver));
        users.run(HOSPITAL_KEEPER, () -> shipments.count(task(HOSPITAL_KEEPER, out.shipmentNo(),
                ShipmentService.COUNT_TASK), new CountData(made.madeCount(), true, List.of(), List.of(), null)));
        assertThat(events.stream(SamCardsArrived.class).filter(e -> e.shipmentNo().equals(out.shipmentNo())))
                .singleElement().satisfies(e -> {
                    assertThat(e.placeCode()).isEqualTo(HOSPITAL);
                    assertThat(e.samNumbers()).hasSize(made.madeCount());
                });

        byte[] pdf = users.as(KEEPER, () -> receipts.receipt(out.shipmentNo()));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/sam"));
            java.nio.file.Files.write(java.nio.file.Path.of("target/sam/sam-receipt.pdf"), pdf);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // SAM-05 (4.3.5.1, 4.3.5.2): the day's production of the maker and the hospital's issued / signed for
        var filter = new SamSupplyStatistics.Filter(today, today, MAKER, null, null);
        assertThat(users.as(NATIONAL_SUP, () -> statistics.production(filter))).singleElement().satisfies(r -> {
            assertThat(r.applied()).isGreaterThanOrEqualTo(12);
            assertThat(r.made() + r.failed() + r.open()).isEqualTo(r.applied());
            assertThat(r.successPercent()).isBetween(0.0, 100.0);
        });
        var issuing = new SamSupplyStatistics.Filter(today, today, null, "520100", HOSPITAL);
        assertThat(users.as(PROVINCE_SUP, () -> statistics.issuing(issuing))).singleElement().satisfies(r -> {
            assertThat(r.issued()).isGreaterThanOrEqualTo(made.madeCount());
            assertThat(r.signedFor() + r.notSignedFor()).isEqualTo(r.issued());
        });
        assertThat(users.as(NATIONAL_SUP, () -> statistics.issuing(new SamSupplyStatistics.Filter(today, today, null,
                "430000", null)))).isEmpty();
    }

    @Test
    @DisplayName("SAM-01 SAM-05 over HTTP: quantity 0 is 400 naming quantity, another city's application is 404, a city clerk cannot read the statistics (403), the export is CSV")
    void overHttp() {
        SamApplicationView a = register(1);
        var bad = rest.withBasicAuth(CLERK, "demo1234").postForEntity("/api/v1/samsupply/applications",
                java.util.Map.of("institutionCode", HOSPITAL, "terminalType", "POS", "quantity", 0, "reason", "x"),
                String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("quantity");
        assertThat(rest.withBasicAuth(ZUNYI_CLERK, "demo1234").getForEntity("/api/v1/samsupply/applications/"
                + a.applicationNo(), String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.withBasicAuth(CLERK, "demo1234").getForEntity("/api/v1/samsupply/applications/"
                + a.applicationNo(), String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(rest.withBasicAuth(CLERK, "demo1234").getForEntity("/api/v1/samsupply/statistics/production",
                String.class).getStatusCode().value()).isEqualTo(403);
        var csv = rest.withBasicAuth(PROVINCE_SUP, "demo1234").getForEntity(
                "/api/v1/samsupply/statistics/issuing/export?format=csv", String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getBody()).contains("发卡数量");
    }

    @Test
    @DisplayName("SAM-01 a replayed maker answer is recorded once: no second set, no second SamCardsMade, no second shipment")
    void replayedAnswer() {
        SamApplicationView a = approved(5);
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo())));
        maker.unavailableFor(1);
        SamPlanView plan = users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER));
        assertThat(context.getBean(SamOrders.class).send(sent(plan.planNo()).orders().get(0).orderNo())).isTrue();
        SamPlanView.Order order = users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo())).orders().get(0);
        assertThat(events.stream(SamCardsMade.class).filter(e -> e.batchNo().equals(order.batchNo()))).hasSize(1);
        long madeBefore = events.stream(SamCardsMade.class).count();
        SamProductionPort.Answer again = maker.make(new SamProductionPort.Order(order.orderNo(), MAKER, MAKER_CREDIT,
                5));
        assertThat(again.batchNo()).isEqualTo(order.batchNo());
        assertThat(context.getBean(SamOrders.class).record(again)).isFalse();
        assertThat(events.stream(SamCardsMade.class).count()).isEqualTo(madeBefore);
        assertThat(users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo())).orders().get(0).shipmentNo())
                .isEqualTo(order.shipmentNo());
    }

    @Test
    @DisplayName("SAM-01 a maker that cannot be reached leaves the order open and audited; the retry records the answer once")
    void unreachableMakerIsRetried() {
        SamApplicationView a = approved(3);
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo())));
        maker.unavailableFor(1);
        SamPlanView plan = users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER));
        SamPlanView.Order open = sent(plan.planNo()).orders().get(0);
        assertThat(open.status()).isEqualTo(SamOrderStatus.ORDERED);
        assertThat(open.attempts()).isEqualTo(1);
        assertThat(context.getBean(SamOrders.class).send(open.orderNo())).isTrue();
        assertThat(context.getBean(SamOrders.class).send(open.orderNo())).isFalse();
        SamPlanView.Order done = users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo())).orders().get(0);
        assertThat(done.status()).isEqualTo(SamOrderStatus.MADE);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("SAM-01 BPM-01 sent back, revised and resubmitted, approved; another sent back and withdrawn; one rejected")
    void sendBackWithdrawReject() {
        SamApplicationView a = register(4);
        users.run(PROVINCE_SUP, () -> applications.review(task(PROVINCE_SUP, a.applicationNo(),
                SamApplicationService.REVIEW_TASK), Review.sendBack("请按终端台数申领")));
        SamApplicationView revised = users.as(CLERK, () -> applications.resubmit(task(CLERK, a.applicationNo(),
                SamApplicationService.REVISE_TASK), new SamApplicationData(null, SamTerminalType.SELF_SERVICE, 6,
                "自助机6台")));
        assertThat(revised.status()).isEqualTo(SamApplicationStatus.SUBMITTED);
        assertThat(revised.quantity()).isEqualTo(6);
        assertThat(users.as(PROVINCE_SUP, () -> applications.review(task(PROVINCE_SUP, a.applicationNo(),
                SamApplicationService.REVIEW_TASK), Review.approve())).status())
                .isEqualTo(SamApplicationStatus.APPROVED);

        SamApplicationView b = register(2);
        users.run(PROVINCE_SUP, () -> applications.review(task(PROVINCE_SUP, b.applicationNo(),
                SamApplicationService.REVIEW_TASK), Review.sendBack("请补充")));
        assertThat(users.as(CLERK, () -> applications.withdraw(task(CLERK, b.applicationNo(),
                SamApplicationService.REVISE_TASK), new Withdrawal("采购取消"))).status())
                .isEqualTo(SamApplicationStatus.WITHDRAWN);

        SamApplicationView c = register(2);
        assertThat(users.as(PROVINCE_SUP, () -> applications.review(task(PROVINCE_SUP, c.applicationNo(),
                SamApplicationService.REVIEW_TASK), Review.reject("已有足量"))).status())
                .isEqualTo(SamApplicationStatus.REJECTED);
        assertThat(users.as("auditor", () -> auditLog.about("SamApplication", a.applicationNo())))
                .extracting(AuditLog.Entry::eventType).containsSubsequence("SamApplicationSubmitted",
                        "SamApplicationReviewed", "SamApplicationResubmitted", "SamApplicationReviewed");
    }

    @Test
    @DisplayName("SAM-01 ORG-05 attack: another region's application and plan are 404; a city cannot review, report or plan and a province cannot order (403)")
    void regionsAndLevels() {
        SamApplicationView a = register(3);
        assertThatThrownBy(() -> users.as(ZUNYI_CLERK, () -> applications.get(a.applicationNo())))
                .isInstanceOf(NotFoundException.class);
        String t = task(PROVINCE_SUP, a.applicationNo(), SamApplicationService.REVIEW_TASK);
        assertThatThrownBy(() -> users.as(CITY_SUP, () -> applications.review(t, Review.approve())))
                .isInstanceOf(AccessDeniedException.class);
        users.run(PROVINCE_SUP, () -> applications.review(t, Review.approve()));
        assertThatThrownBy(() -> users.as(CITY_SUP, () -> planning.report(List.of(a.applicationNo()))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as(ZUNYI_CLERK, () -> applications.register(new SamApplicationData(HOSPITAL,
                SamTerminalType.POS, 1, "跨市申领")))).isInstanceOf(NotFoundException.class);
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo())));
        assertThatThrownBy(() -> users.as(CITY_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as(PROVINCE_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER)))
                .isInstanceOf(AccessDeniedException.class);
        SamPlanView plan = users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER));
        assertThat(users.as(CLERK, () -> planning.plan(plan.planNo())).planNo()).isEqualTo(plan.planNo());
        assertThatThrownBy(() -> users.as(ZUNYI_CLERK, () -> planning.plan(plan.planNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as(ZUNYI_CLERK, () -> planning.report(report.reportNo())))
                .isInstanceOf(NotFoundException.class);
        sent(plan.planNo());
    }

    @Test
    @DisplayName("SAM-01 ORG-05 attack: a plan holding applications of two provinces shows a city clerk or another province's supervisor only its own region's orders and reports, through the service and over HTTP")
    void planOfTwoProvincesIsScoped() {
        SamApplicationView mine = approved(2);
        SamApplicationView theirs = users.as(OTHER_CLERK, () -> applications.register(new SamApplicationData(
                OTHER_HOSPITAL, SamTerminalType.POS, 3, "滇门诊POS")));
        users.run(OTHER_PROVINCE_SUP, () -> applications.review(task(OTHER_PROVINCE_SUP, theirs.applicationNo(),
                SamApplicationService.REVIEW_TASK), Review.approve()));
        SamReportView r1 = users.as(PROVINCE_SUP, () -> planning.report(List.of(mine.applicationNo())));
        SamReportView r2 = users.as(OTHER_PROVINCE_SUP, () -> planning.report(List.of(theirs.applicationNo())));
        SamPlanView plan = users.as(NATIONAL_SUP, () -> planning.plan(List.of(r1.reportNo(), r2.reportNo()), MAKER));
        assertThat(users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo())).orders()).hasSize(2);

        SamPlanView seen = users.as(CLERK, () -> planning.plan(plan.planNo()));
        assertThat(seen.orders()).singleElement().satisfies(o -> {
            assertThat(o.applicationNo()).isEqualTo(mine.applicationNo());
            assertThat(o.institutionCode()).isEqualTo(HOSPITAL);
        });
        assertThat(seen.reportNos()).containsExactly(r1.reportNo());
        assertThat(seen.totalQuantity()).isEqualTo(2);
        SamPlanView theirView = users.as(OTHER_PROVINCE_SUP, () -> planning.plan(plan.planNo()));
        assertThat(theirView.orders()).extracting(SamPlanView.Order::applicationNo)
                .containsExactly(theirs.applicationNo());
        assertThat(users.as(CLERK, () -> planning.plans(200))).filteredOn(p -> p.planNo().equals(plan.planNo()))
                .singleElement().satisfies(p -> assertThat(p.orders()).hasSize(1));
        assertThat(users.as(CLERK, () -> planning.plans(200))).flatExtracting(SamPlanView::orders)
                .allSatisfy(o -> assertThat(o.institutionCode()).doesNotStartWith("HNS"));

        for (String path : List.of("/api/v1/samsupply/plans/" + plan.planNo(), "/api/v1/samsupply/plans")) {
            var body = rest.withBasicAuth(CLERK, "demo1234").getForEntity(path, String.class);
            assertThat(body.getStatusCode().value()).isEqualTo(200);
            assertThat(body.getBody()).contains(mine.applicationNo()).doesNotContain(theirs.applicationNo())
                    .doesNotContain(OTHER_HOSPITAL).doesNotContain(r2.reportNo());
        }
        sent(plan.planNo());
    }

    @Test
    @DisplayName("SAM-03 a SAM shipment missing a box: the discrepancy cannot ask the sender for replacement cards (409 SAM_NO_REPLACEMENT naming replacementCards over HTTP: lost SAMs are applied for again); resolved without, it is received")
    void samDiscrepancyRefusesReplacementCards() {
        SamPlanView.Order o = sent(planned(150).planNo()).orders().get(0);
        assertThat(o.status()).isEqualTo(SamOrderStatus.MADE);
        String shipmentNo = o.shipmentNo();
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        users.run(MAKER_OPERATOR, () -> shipments.dispatch(task(MAKER_OPERATOR, shipmentNo,
                ShipmentService.DISPATCH_TASK), new DispatchData("SF" + shipmentNo.substring(12), "顺丰 黔师傅",
                today.plusDays(1))));
        users.run(KEEPER, () -> shipments.deliver(task(KEEPER, shipmentNo, ShipmentService.DELIVER_TASK)));
        List<ShipmentView.Box> boxes = users.as(KEEPER, () -> shipments.get(shipmentNo)).boxes();
        assertThat(boxes).hasSize(2);
        int first = boxes.get(0).cardCount();
        users.run(KEEPER, () -> shipments.count(task(KEEPER, shipmentNo, ShipmentService.COUNT_TASK),
                new CountData(first, true, List.of(), List.of(boxes.get(1).boxNo()), "第二箱未到")));
        String resolve = task(KEEPER, shipmentNo, ShipmentService.DISCREPANCY_TASK);
        var refused = rest.withBasicAuth(KEEPER, "demo1234").postForEntity("/api/v1/logistics/shipments/"
                + shipmentNo + "/discrepancy-resolution", java.util.Map.of("recount", first, "replacementCards", true,
                "investigation", "第二箱在途丢失，已报案"), String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody()).contains(ShipmentService.SAM_NO_REPLACEMENT).contains("replacementCards");
        users.run(KEEPER, () -> shipments.resolve(resolve, new ResolutionData(first, false, "第二箱在途丢失，重新申领")));
        ShipmentView done = users.as(KEEPER, () -> shipments.get(shipmentNo));
        assertThat(done.status()).isEqualTo(ShipmentStatus.RECEIVED);
        assertThat(done.itemKind()).isEqualTo(cn.healthcard.logistics.ItemKind.SAM);
    }

    private SamPlanView planned(int... quantities) {
        List<String> nos = java.util.Arrays.stream(quantities).mapToObj(q -> approved(q).applicationNo()).toList();
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(nos));
        return users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()), MAKER));
    }

    @Test
    @DisplayName("SAM-01 a maker's answer that does not add up to the order fails the order at once (audited, shown in supervision) and it is never sent again")
    void refusedAnswerFailsTheOrder() {
        maker.answerShortFor(1);
        SamPlanView.Order o = sent(planned(4).planNo()).orders().get(0);
        assertThat(o.status()).isEqualTo(SamOrderStatus.FAILED);
        assertThat(o.attempts()).isEqualTo(1);
        SamOrders sender = context.getBean(SamOrders.class);
        assertThat(sender.send(o.orderNo())).isFalse();
        sender.retryDue();
        assertThat(users.as(NATIONAL_SUP, () -> planning.plan(o.orderNo().substring(0, o.orderNo().indexOf('-'))))
                .orders().get(0).attempts()).isEqualTo(1);
        assertThat(users.as("auditor", () -> auditLog.about("SamOrder", o.orderNo())))
                .extracting(AuditLog.Entry::eventType).containsExactly("SamOrderFailed");
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        assertThat(users.as(NATIONAL_SUP, () -> statistics.production(new SamSupplyStatistics.Filter(today, today, MAKER,
                null, null)))).singleElement().satisfies(r -> assertThat(r.orderFailed()).isGreaterThanOrEqualTo(4));
    }

    @Test
    @DisplayName("SAM-01 an order whose maker cannot be reached is retried with back-off and FAILED once its attempts are used up; then never sent again")
    void attemptsRunOut() {
        maker.unavailableFor(1000);
        try {
            SamPlanView.Order o = sent(planned(1).planNo()).orders().get(0);
            SamOrders sender = context.getBean(SamOrders.class);
            for (int i = 0; i < 25; i++) {
                sender.send(o.orderNo());
            }
            SamPlanView.Order failed = users.as(NATIONAL_SUP, () -> planning.plan(o.orderNo().substring(0,
                    o.orderNo().indexOf('-')))).orders().get(0);
            assertThat(failed.status()).isEqualTo(SamOrderStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(20);
        } finally {
            maker.unavailableFor(0);
        }
    }

    @Test
    @DisplayName("SAM-01 two orders answered in one maker batch get a shipment and stock each; an answer whose SAMs are in stock already is kept as received but not applied (409 ITEM_EXISTS); an all-digit SAM number is refused")
    void sharedBatchAndKeptAnswers() {
        maker.unavailableFor(3);
        SamPlanView plan = sent(planned(2, 2, 2).planNo());
        assertThat(plan.orders()).hasSize(3).allSatisfy(o -> assertThat(o.status()).isEqualTo(SamOrderStatus.ORDERED));
        String batch = "SBX" + java.util.HexFormat.of().withUpperCase().formatHex(
                java.nio.ByteBuffer.allocate(8).putLong(System.nanoTime()).array()).substring(4);
        SamOrders sender = context.getBean(SamOrders.class);
        List<String> nos = plan.orders().stream().map(SamPlanView.Order::orderNo).toList();
        assertThat(sender.record(new SamProductionPort.Answer(nos.get(0), MAKER, batch,
                List.of(batch + "01", batch + "02"), 0))).isTrue();
        assertThat(sender.record(new SamProductionPort.Answer(nos.get(1), MAKER, batch,
                List.of(batch + "03", batch + "04"), 0))).isTrue();
        assertThatThrownBy(() -> sender.record(new SamProductionPort.Answer(nos.get(2), MAKER, batch,
                List.of(batch + "04", batch + "05"), 0))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ShipmentService.ITEM_EXISTS));
        assertThat(SecurityContextUsers.runAsSystem(() -> answers.kept(nos.get(2)))).isTrue();

        List<SamPlanView.Order> after = users.as(NATIONAL_SUP, () -> planning.plan(plan.planNo())).orders();
        assertThat(after.get(0).status()).isEqualTo(SamOrderStatus.MADE);
        assertThat(after.get(1).status()).isEqualTo(SamOrderStatus.MADE);
        assertThat(after.get(0).shipmentNo()).isNotNull().isNotEqualTo(after.get(1).shipmentNo());
        assertThat(after.get(2).status()).isEqualTo(SamOrderStatus.ORDERED);
        for (int i = 0; i < 2; i++) {
            String shipmentNo = after.get(i).shipmentNo();
            assertThat(users.as(NATIONAL_SUP, () -> shipments.get(shipmentNo)).cardCount()).isEqualTo(2);
        }
        // SAM items are not cards: not a card's stock item, not in the card stock queries (decision 031)
        assertThatThrownBy(() -> users.as(NATIONAL_SUP, () -> stock.card(batch + "01")))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as(NATIONAL_SUP, () -> stock.query(batch, null, null, null))).isEmpty();
        assertThat(SamMakerAnswers.SAM_NUMBER.matcher("123456789012345678").matches()).isFalse();
        assertThat(SamMakerAnswers.SAM_NUMBER.matcher(batch + "01").matches()).isTrue();
        assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> answers.keep(new SamProductionPort.Answer(
                nos.get(2) + "X", MAKER, batch, List.of("12345678901234567", "12345678901234568"), 0))))
                .isInstanceOf(SamMakerAnswers.AnswerRefused.class);
    }

    @Test
    @DisplayName("SAM-02 SAM-03 the province passes SAMs to the city centre (centre → centre), the city centre receives them and sends them on to the hospital; a city without SAMs for its institutions gets nothing (409)")
    void cityLeg() {
        SamPlanView.Order o = sent(planned(3).planNo()).orders().get(0);
        assertThat(o.status()).isEqualTo(SamOrderStatus.MADE);
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        users.run(MAKER_OPERATOR, () -> shipments.dispatch(task(MAKER_OPERATOR, o.shipmentNo(),
                ShipmentService.DISPATCH_TASK), new DispatchData("SF" + o.shipmentNo().substring(12), "顺丰 黔师傅",
                today.plusDays(1))));
        users.run(KEEPER, () -> shipments.deliver(task(KEEPER, o.shipmentNo(), ShipmentService.DELIVER_TASK)));
        users.run(KEEPER, () -> shipments.count(task(KEEPER, o.shipmentNo(), ShipmentService.COUNT_TASK),
                new CountData(o.madeCount(), true, List.of(), List.of(), null)));
        assertThatThrownBy(() -> users.as(KEEPER, () -> warehouse.warehouseOutSams(ZUNYI, o.batchNo(), "SEAL-ZY")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code())
                        .isEqualTo(WarehouseService.NOTHING_IN_STOCK));

        ShipmentView toCity = users.as(KEEPER, () -> warehouse.warehouseOutSams(GUIYANG, o.batchNo(), "SEAL-GY"));
        assertThat(toCity.kind()).isEqualTo(ShipmentKind.CENTRE_TO_CENTRE);
        assertThat(toCity.itemKind()).isEqualTo(cn.healthcard.logistics.ItemKind.SAM);
        assertThat(toCity.cardCount()).isEqualTo(o.madeCount());
        users.run(KEEPER, () -> shipments.dispatch(task(KEEPER, toCity.shipmentNo(), ShipmentService.DISPATCH_TASK),
                new DispatchData("EMS" + toCity.shipmentNo().substring(12), "省中心 送货员小吴", today.plusDays(1))));
        users.run(CITY_KEEPER, () -> shipments.deliver(task(CITY_KEEPER, toCity.shipmentNo(),
                ShipmentService.DELIVER_TASK)));
        users.run(CITY_KEEPER, () -> shipments.count(task(CITY_KEEPER, toCity.shipmentNo(),
                ShipmentService.COUNT_TASK), new CountData(o.madeCount(), true, List.of(), List.of(), null)));

        ShipmentView toHospital = users.as(CITY_KEEPER, () -> warehouse.warehouseOutSams(HOSPITAL, o.batchNo(),
                "SEAL-H"));
        assertThat(toHospital.kind()).isEqualTo(ShipmentKind.CENTRE_TO_INST);
        assertThat(toHospital.senderCode()).isEqualTo(GUIYANG);
        assertThat(toHospital.cardCount()).isEqualTo(o.madeCount());
    }

    @Test
    @DisplayName("SAM-01 attack over HTTP: quantity 1001, an overlong reason and a review comment over 500 are 400 naming the field; another province's supervisor cannot read the application (404)")
    void badInputOverHttp() {
        var client = rest.withBasicAuth(CLERK, "demo1234");
        var tooMany = client.postForEntity("/api/v1/samsupply/applications", java.util.Map.of("institutionCode",
                HOSPITAL, "terminalType", "POS", "quantity", 1001, "reason", "x"), String.class);
        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getBody()).contains("quantity");
        var longReason = client.postForEntity("/api/v1/samsupply/applications", java.util.Map.of("institutionCode",
                HOSPITAL, "terminalType", "POS", "quantity", 1, "reason", "理".repeat(201)), String.class);
        assertThat(longReason.getStatusCode().value()).isEqualTo(400);
        assertThat(longReason.getBody()).contains("reason");
        SamApplicationView a = register(1);
        var longComment = rest.withBasicAuth(PROVINCE_SUP, "demo1234").postForEntity("/api/v1/samsupply/applications/"
                + a.applicationNo() + "/review", java.util.Map.of("decision", "APPROVE", "comment", "审".repeat(501)),
                String.class);
        assertThat(longComment.getStatusCode().value()).isEqualTo(400);
        assertThat(longComment.getBody()).contains("comment");
        assertThat(rest.withBasicAuth(OTHER_PROVINCE_SUP, "demo1234").getForEntity("/api/v1/samsupply/applications/"
                + a.applicationNo(), String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    @DisplayName("SAM-01 attack: quantity 0 and 1001 and an overlong reason are 400 naming the field")
    void badInput() {
        assertThatThrownBy(() -> users.as(CLERK, () -> applications.register(new SamApplicationData(HOSPITAL,
                SamTerminalType.POS, 0, "x")))).satisfies(e -> assertThat(fields(e)).containsExactly("quantity"));
        assertThatThrownBy(() -> users.as(CLERK, () -> applications.register(new SamApplicationData(HOSPITAL,
                SamTerminalType.POS, 1001, "x")))).satisfies(e -> assertThat(fields(e)).containsExactly("quantity"));
        assertThatThrownBy(() -> users.as(CLERK, () -> applications.register(new SamApplicationData(HOSPITAL,
                SamTerminalType.POS, 1, "理".repeat(201))))).satisfies(e -> assertThat(fields(e))
                .containsExactly("reason"));
        assertThatThrownBy(() -> users.as(CLERK, () -> applications.register(new SamApplicationData(GUIYANG,
                SamTerminalType.POS, 1, "给中心自己")))).satisfies(e -> assertThat(fields(e))
                .containsExactly("institutionCode"));
    }

    @Test
    @DisplayName("SAM-01 attack: an application reported twice is 409; ordering from a maker without a SAM filing in force is 409 SAM_MAKER_NOT_FILED")
    void reportedTwiceAndUnfiledMaker() {
        SamApplicationView a = approved(2);
        SamReportView report = users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo())));
        assertThatThrownBy(() -> users.as(PROVINCE_SUP, () -> planning.report(List.of(a.applicationNo()))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code())
                        .isEqualTo(SamPlanningService.ALREADY_REPORTED));
        assertThatThrownBy(() -> users.as(NATIONAL_SUP, () -> planning.plan(List.of(report.reportNo()),
                UNFILED_MAKER))).isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(SamPlanningService.MAKER_NOT_FILED);
                    assertThat(e.field()).isEqualTo("makerCode");
                });
        assertThat(users.as(PROVINCE_SUP, () -> planning.report(report.reportNo())).planNo()).isNull();
    }
}
