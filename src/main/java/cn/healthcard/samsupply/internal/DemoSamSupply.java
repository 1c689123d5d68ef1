package cn.healthcard.samsupply.internal;

import cn.healthcard.sam.SamCardsArrived;
import cn.healthcard.sam.SamCardsMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo SAM cards (demo profile only, after the demo institutions): a batch of {@value #COUNT} SAMs made by the demo card
 * maker CM-110000 for the national centre's order, signed for at the Beijing centre, {@value #AT_HOSPITAL} of them then
 * at the demo hospital MI-110105 — published as the contract events ({@link SamCardsMade}, {@link SamCardsArrived}), in
 * the simulator's number format, so the SAM register has something to show. The register is idempotent on replay, so
 * a restart publishes them again harmlessly.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoSamSupply implements ApplicationRunner {

    static final String BATCH = "SBDE0000000001";
    static final int COUNT = 10;
    static final int AT_HOSPITAL = 6;
    private static final Logger log = LoggerFactory.getLogger(DemoSamSupply.class);

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    DemoSamSupply(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            numbers.add(BATCH + String.format("%04d", i));
        }
        transaction.executeWithoutResult(t -> {
            events.publishEvent(new SamCardsMade(BATCH, "CM-110000", "NHC-000000", numbers));
            events.publishEvent(new SamCardsArrived("YD11000020261201900001", "BJ-110000", numbers));
            events.publishEvent(new SamCardsArrived("YD11010520261201900002", "MI-110105",
                    numbers.subList(0, AT_HOSPITAL)));
        });
        log.info("demo SAM cards: batch {} of {} made by CM-110000, {} signed for at MI-110105", BATCH, COUNT,
                AT_HOSPITAL);
    }
}
