package cn.healthcard.filing;

import cn.healthcard.filing.internal.ProductFilingRepository;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.List;

/**
 * STAT-01 filing counts: filings by product type and status, as a chart can take them. As in {@link FilingAccess}, the
 * national centre's persons count every application; everyone else only filings that were published (in review,
 * sent back, rejected and withdrawn applications are not theirs to see, not even as numbers).
 */
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
        boolean all = FilingAccess.nationalPerson(SecurityContextUsers.require());
        return (all ? filings.countByTypeAndStatus() : filings.countPublishedByTypeAndStatus()).stream()
                .map(r -> new Count((ProductType) r[0], (FilingStatus) r[1], ((Number) r[2]).longValue()))
                .sorted(Comparator.comparing(Count::productType).thenComparing(Count::status))
                .toList();
    }
}
