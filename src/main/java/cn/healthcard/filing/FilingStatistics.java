package cn.healthcard.filing;

import cn.healthcard.filing.internal.ProductFilingRepository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.List;

/** STAT-01 filing counts: filings by product type and status, as a chart can take them. */
@Service
public class FilingStatistics {

    private final ProductFilingRepository filings;

    FilingStatistics(ProductFilingRepository filings) {
        this.filings = filings;
    }

    /** One bar of the chart. */
    public record Count(ProductType productType, FilingStatus status, long count) {
    }

    /** Every (type, status) pair that has filings, in enum order. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public List<Count> byTypeAndStatus() {
        return filings.countByTypeAndStatus().stream()
                .map(r -> new Count((ProductType) r[0], (FilingStatus) r[1], ((Number) r[2]).longValue()))
                .sorted(Comparator.comparing(Count::productType).thenComparing(Count::status))
                .toList();
    }
}
