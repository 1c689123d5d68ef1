package cn.healthcard.production.internal;

import cn.healthcard.production.CardProductionPort;
import cn.healthcard.production.ProductionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The card-maker adapter behind {@link CardProductionPort}, by {@code healthcard.production.adapter}:
 * {@code simulator} (default) answers in-process; {@code drop-folder} writes the batch's order file
 * ({@code <batch>.order}) next to its data file in the maker's outbox, and the maker's result files come back through
 * {@link InboxScanner}. Instant issuance uses the desk's own printer either way (the simulator's per-card path).
 */
@Configuration(proxyBeanMethods = false)
class CardMakerAdapters {

    @Bean
    @ConditionalOnProperty(name = "healthcard.production.adapter", havingValue = "simulator", matchIfMissing = true)
    CardProductionPort simulatorAdapter(SimulatedCardMaker simulator) {
        return new CardProductionPort() {
            @Override
            public String requestProduction(ProductionRequest request) {
                return simulator.instant(request);
            }

            @Override
            public void submitBatch(BatchOrder order) {
                simulator.answer(order);
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "healthcard.production.adapter", havingValue = "drop-folder")
    CardProductionPort dropFolderAdapter(SimulatedCardMaker simulator, DropFolder folders) {
        return new CardProductionPort() {
            @Override
            public String requestProduction(ProductionRequest request) {
                return simulator.instant(request);
            }

            @Override
            public void submitBatch(BatchOrder order) {
                List<String> lines = new ArrayList<>();
                lines.add("# order batch=" + order.batchNo() + " maker=" + order.makerCode() + " file="
                        + order.dataFileName() + " cards=" + order.cards().size());
                order.cards().forEach(c -> lines.add(c.caseId() + ";" + c.cardNo()));
                Path outbox = folders.outbox(order.makerCode());
                Path tmp = outbox.resolve("." + order.batchNo() + ".order.tmp");
                Path target = outbox.resolve(order.batchNo() + ".order");
                try {
                    Files.write(tmp, lines, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                // the maker sees the order only once it is committed
                Runnable publish = () -> {
                    try {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            if (status == STATUS_COMMITTED) {
                                publish.run();
                            } else {
                                try {
                                    Files.deleteIfExists(tmp);
                                } catch (IOException ignored) {
                                    // the next start of the batch overwrites it
                                }
                            }
                        }
                    });
                } else {
                    publish.run();
                }
            }
        };
    }
}
