package cn.healthcard.production.internal;

import cn.healthcard.production.ProductionRoute;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The production settings: route per desk ({@code healthcard.production.default-route}, {@code instant-desks},
 * {@code batch-desks}), batch size, result deadline, drop-folder root.
 */
@Component
public class ProductionSettings {

    private final ProductionRoute defaultRoute;
    private final Set<String> instantDesks;
    private final Set<String> batchDesks;
    private final int batchSize;
    private final Duration resultDeadline;

    ProductionSettings(@Value("${healthcard.production.default-route:BATCH}") ProductionRoute defaultRoute,
                       @Value("${healthcard.production.instant-desks:}") List<String> instantDesks,
                       @Value("${healthcard.production.batch-desks:}") List<String> batchDesks,
                       @Value("${healthcard.production.batch-size:5000}") int batchSize,
                       @Value("${healthcard.production.result-deadline:P14D}") Duration resultDeadline) {
        this.defaultRoute = defaultRoute;
        this.instantDesks = clean(instantDesks);
        this.batchDesks = clean(batchDesks);
        if (batchSize < 1) {
            throw new IllegalArgumentException("healthcard.production.batch-size must be at least 1");
        }
        this.batchSize = batchSize;
        this.resultDeadline = resultDeadline;
    }

    private static Set<String> clean(List<String> codes) {
        return codes == null ? Set.of() : Set.copyOf(codes.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** The route of a desk: listed batch desks and instant desks first, else the default. */
    public ProductionRoute routeOf(String deskCode) {
        if (batchDesks.contains(deskCode)) {
            return ProductionRoute.BATCH;
        }
        if (instantDesks.contains(deskCode)) {
            return ProductionRoute.INSTANT;
        }
        return defaultRoute;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration resultDeadline() {
        return resultDeadline;
    }
}
