package cn.healthcard.lifecycle;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.persistence.EntityManager;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.healthcard.common.ChinaTime.ZONE;

/** Counts of loss reports, replacements, cancellations (and the other requests) per region and period (LC-07). */
@Service
public class CardRequestStatistics {

    private final EntityManager entityManager;

    CardRequestStatistics(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One row: a region (county code and full name) and the number of completed requests of each type. */
    public record RegionCounts(String regionCode, String regionName, Map<RequestType, Long> counts) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Completed requests between the dates (inclusive, China time), within the caller's region, by county. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public List<RegionCounts> completedBetween(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new DomainValidationException("to", "「统计期间」的结束日期不能早于开始日期");
        }
        CurrentUser user = SecurityContextUsers.require();
        List<Object[]> rows = entityManager.createQuery("""
                        select r.regionCode, r.requestType, count(r) from CardRequest r
                        where r.status = cn.healthcard.lifecycle.RequestStatus.COMPLETED
                          and r.regionCode like :prefix and r.updatedAt >= :from and r.updatedAt < :to
                        group by r.regionCode, r.requestType""", Object[].class)
                .setParameter("prefix", user.region().scopePrefix() + "%")
                .setParameter("from", from.atStartOfDay(ZONE).toInstant())
                .setParameter("to", to.plusDays(1).atStartOfDay(ZONE).toInstant())
                .getResultList();
        Map<String, Map<RequestType, Long>> byRegion = new TreeMap<>();
        for (Object[] row : rows) {
            byRegion.computeIfAbsent((String) row[0], k -> new EnumMap<>(RequestType.class))
                    .put((RequestType) row[1], (Long) row[2]);
        }
        return byRegion.entrySet().stream()
                .map(e -> new RegionCounts(e.getKey(), CodeTables.regions().fullName(e.getKey()), e.getValue()))
                .toList();
    }
}
