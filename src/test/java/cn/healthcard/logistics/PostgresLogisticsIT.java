package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.common.ConflictException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two keepers of one centre take the same cards out of the warehouse at the same moment on PostgreSQL (V29 by
 * Flyway): the first holds its transaction open after moving the stock, the second moves the same rows meanwhile;
 * exactly one warehouse-out wins, the other gets 409 and nothing of it remains.
 */
@PostgresIntegrationTest
class PostgresLogisticsIT {

    @Autowired InstitutionService institutions;
    @Autowired UserAdministration accounts;
    @Autowired ReceiverService receivers;
    @Autowired TestUsers users;
    @Autowired cn.healthcard.logistics.internal.ProductionEvents productionEvents;
    @Autowired ShipmentService shipments;
    @Autowired WarehouseService warehouse;
    @Autowired StockService stock;
    @Autowired TaskInboxService inbox;
    @Autowired PlatformTransactionManager transactions;

    @Test
    @DisplayName("APP-09 APP-10 two keepers racing on one warehouse-out on PostgreSQL: one wins, the other gets 409, the stock is in exactly one shipment")
    void twoKeepersOneWinner() throws Exception {
        LogisticsFixtures world = new LogisticsFixtures(institutions, accounts, receivers, users,
                LogisticsFixtures.logisticsOnly(productionEvents)).world();
        BatchSealed batch = world.sealBatch(2, 5);
        world.receiveAtCentre(shipments, inbox, batch);
        WarehouseOutData out = new WarehouseOutData(LogisticsFixtures.DESK, batch.batchNo(), "PG-SEAL");
        CountDownLatch firstMoved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ShipmentView> first = pool.submit(() -> users.as(LogisticsFixtures.KEEPER, () -> tx.execute(s -> {
                ShipmentView v = warehouse.warehouseOut(out);
                firstMoved.countDown();
                await(release);
                return v;
            })));
            assertThat(firstMoved.await(60, TimeUnit.SECONDS)).isTrue();
            Future<ShipmentView> second = pool.submit(() -> users.as(LogisticsFixtures.KEEPER2,
                    () -> warehouse.warehouseOut(out)));
            Thread.sleep(1500); // the second now waits on the rows the first moved
            release.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<ShipmentView> f : List.of(first, second)) {
                try {
                    results.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            assertThat(results).filteredOn(ShipmentView.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(ConflictException.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((ConflictException) e).code())
                            .isIn(WarehouseService.STOCK_MOVED, WarehouseService.NOTHING_IN_STOCK));
            ShipmentView winner = (ShipmentView) results.get(0);
            assertThat(winner.cardCount()).isEqualTo(10);
            assertThat(users.as(LogisticsFixtures.KEEPER, () -> stock.query(batch.batchNo(), null, null, null)))
                    .hasSize(10).allSatisfy(i -> {
                        assertThat(i.status()).isEqualTo(StockStatus.IN_TRANSIT);
                        assertThat(i.shipmentNo()).isEqualTo(winner.shipmentNo());
                    });
            assertThat(users.as(LogisticsFixtures.KEEPER, () -> shipments.list(200)))
                    .filteredOn(s -> batch.batchNo().equals(s.batchNo()) && s.kind() == ShipmentKind.CENTRE_TO_DESK)
                    .singleElement().satisfies(s -> assertThat(s.shipmentNo()).isEqualTo(winner.shipmentNo()));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
