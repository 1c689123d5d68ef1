package cn.healthcard.card;

import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.internal.Card;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * 卡片状态查询 (APP-13, SEC-02): the current status of the cards within the caller's region, filtered by region,
 * institution, status and a period on the issue date or the last status change, a page at a time, with exact counts
 * per status for the whole filter. Everything comes from the {@code card} table, the record of truth, in one read-only
 * transaction, with portable JPQL (H2, PostgreSQL, Oracle); see docs/decisions/009-card-status-search.md. Holders'
 * names are shown masked only.
 */
@Service
public class CardStatusSearch {

    /** Largest page one search may ask for. */
    public static final int MAX_PAGE_SIZE = 200;

    private final EntityManager entityManager;
    private final ResidentService residents;
    private final InstitutionService institutions;

    CardStatusSearch(EntityManager entityManager, ResidentService residents, InstitutionService institutions) {
        this.entityManager = entityManager;
        this.residents = residents;
        this.institutions = institutions;
    }

    /**
     * A page of cards matching the filter within the caller's region, and the counts per status of all of them.
     *
     * @throws DomainValidationException naming each bad part: {@code regionCode} (not a GB/T 2260 code, unknown, or
     *                                   outside the caller's region), {@code institutionCode} (unknown or outside the
     *                                   caller's region), {@code to} (before {@code from}), {@code page}, {@code size}
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR','ADMIN')")
    public CardStatusResult search(CardStatusQuery query) {
        CardStatusQuery q = query == null ? CardStatusQuery.all(50) : query;
        CurrentUser user = SecurityContextUsers.require();
        String prefix = checked(q, user);

        Filter filter = filter(q, prefix);
        Map<CardStatus, Long> counts = new EnumMap<>(CardStatus.class);
        q.statusesOrAll().forEach(s -> counts.put(s, 0L));
        TypedQuery<Object[]> countQuery = entityManager.createQuery(
                "select c.status, count(c) from Card c" + filter.where() + " group by c.status", Object[].class);
        filter.bind(countQuery);
        for (Object[] row : countQuery.getResultList()) {
            counts.put((CardStatus) row[0], ((Number) row[1]).longValue());
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();

        List<Card> cards = List.of();
        if ((long) q.page() * q.size() < total) {
            TypedQuery<Card> pageQuery = entityManager.createQuery(
                    "select c from Card c" + filter.where() + orderBy(q.sortOrDefault()), Card.class);
            filter.bind(pageQuery);
            cards = pageQuery.setFirstResult(q.page() * q.size()).setMaxResults(q.size()).getResultList();
        }
        return new CardStatusResult(rows(cards), counts, total, q.page(), q.size());
    }

    /** Checks the query against the caller's region; returns the region prefix to search under. */
    private String checked(CardStatusQuery q, CurrentUser user) {
        List<FieldViolation> violations = new ArrayList<>();
        String prefix = user.region().scopePrefix();
        if (q.regionCode() != null && !q.regionCode().isBlank()) {
            try {
                RegionCode region = RegionCode.of(q.regionCode());
                if (!region.equals(RegionCode.NATIONAL) && !CodeTables.regions().contains(region.value())) {
                    violations.add(new FieldViolation("regionCode", "「地区」代码不存在: " + region.value()));
                } else if (!user.region().covers(region)) {
                    violations.add(new FieldViolation("regionCode", "「地区」不在您的管辖范围内"));
                } else {
                    prefix = region.scopePrefix();
                }
            } catch (DomainValidationException e) {
                violations.add(new FieldViolation("regionCode", "「地区」应为6位行政区划代码"));
            }
        }
        if (q.institutionCode() != null && !q.institutionCode().isBlank()) {
            try {
                Institution institution = institutions.get(q.institutionCode().trim());
                if (!user.region().covers(institution.region())) {
                    violations.add(new FieldViolation("institutionCode", "「机构」不在您的管辖范围内"));
                }
            } catch (NotFoundException e) {
                violations.add(new FieldViolation("institutionCode", "「机构」不存在: " + q.institutionCode().trim()));
            }
        }
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            violations.add(new FieldViolation("to", "「截止日期」不能早于「起始日期」"));
        }
        if (q.page() < 0) {
            violations.add(new FieldViolation("page", "「页码」不能小于0"));
        }
        if (q.size() < 1 || q.size() > MAX_PAGE_SIZE) {
            violations.add(new FieldViolation("size", "「每页条数」应在1–" + MAX_PAGE_SIZE + "之间"));
        }
        if (q.page() >= 0 && q.size() >= 1 && (long) q.page() * q.size() > Integer.MAX_VALUE) {
            violations.add(new FieldViolation("page", "「页码」过大"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return prefix;
    }

    /** The where clause and its parameters; portable JPQL (like with a literal prefix, no vendor functions). */
    private static Filter filter(CardStatusQuery q, String regionPrefix) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!regionPrefix.isEmpty()) {
            where.add("c.regionCode like :region"); // the prefix is digits only: nothing to escape
            parameters.put("region", regionPrefix + "%");
        }
        if (q.institutionCode() != null && !q.institutionCode().isBlank()) {
            where.add("c.institutionCode = :institution");
            parameters.put("institution", q.institutionCode().trim());
        }
        if (!q.statuses().isEmpty()) {
            where.add("c.status in :statuses");
            parameters.put("statuses", new LinkedHashSet<>(q.statuses()));
        }
        String date = q.dateFieldOrDefault() == DateField.ISSUED ? "c.issuedAt" : "c.updatedAt";
        if (q.from() != null) {
            where.add(date + " >= :from");
            parameters.put("from", q.from().atStartOfDay(ChinaTime.ZONE).toInstant());
        }
        if (q.to() != null) {
            where.add(date + " < :toExclusive");
            parameters.put("toExclusive", q.to().plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant());
        }
        return new Filter(where.isEmpty() ? "" : " where " + String.join(" and ", where), parameters);
    }

    private static String orderBy(CardStatusQuery.Ordering sort) {
        String attribute = switch (sort.field()) {
            case CARD_NO -> "c.cardNo";
            case STATUS -> "c.status";
            case REGION -> "c.regionCode";
            case INSTITUTION -> "c.institutionCode";
            case ISSUED_AT -> "c.issuedAt";
            case STATUS_CHANGED_AT -> "c.updatedAt";
        };
        // cards never issued have no issue date: last either way, the same on every database
        String order = " order by " + attribute + (sort.descending() ? " desc" : " asc") + " nulls last";
        return sort.field() == CardStatusQuery.SortField.CARD_NO ? order : order + ", c.cardNo asc";
    }

    private List<CardStatusRow> rows(List<Card> cards) {
        if (cards.isEmpty()) {
            return List.of();
        }
        Map<String, ResidentSummary> holders = residents.summaries(cards.stream().map(Card::residentId).toList());
        Map<String, String> institutionNames = new HashMap<>();
        List<CardStatusRow> rows = new ArrayList<>(cards.size());
        for (Card c : cards) {
            ResidentSummary holder = holders.get(c.residentId());
            String institutionName = institutionNames.computeIfAbsent(c.institutionCode(), this::institutionName);
            rows.add(new CardStatusRow(c.cardNo(), c.status(), holder == null ? null : holder.nameMasked(),
                    c.regionCode(), CodeTables.regions().fullName(c.regionCode()), c.institutionCode(),
                    institutionName, c.producedAt(), c.issuedAt(), c.updatedAt()));
        }
        return rows;
    }

    private String institutionName(String code) {
        try {
            return institutions.get(code).name();
        } catch (NotFoundException e) {
            return code;
        }
    }

    private record Filter(String where, Map<String, Object> parameters) {
        void bind(TypedQuery<?> query) {
            parameters.forEach(query::setParameter);
        }
    }
}
