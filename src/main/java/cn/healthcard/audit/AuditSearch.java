package cn.healthcard.audit;

import cn.healthcard.audit.internal.AuditProjection;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.ServiceUnavailableException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Searches the audit trail in its Elasticsearch projection (APP-13, SEC-03): by card, resident (document or full
 * name, through their keyed hashes), institution, region, event type, operator, period and words of the detail,
 * always within the caller's region. Every search is itself recorded in the audit log.
 */
@Service
public class AuditSearch {

    /** The deepest a page may reach (Elasticsearch's result window); exports go further by search_after. */
    public static final int MAX_WINDOW = 10_000;
    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z_.-]{1,64}");

    private final ElasticsearchClient client;
    private final AuditProjection projection;
    private final ResidentSearchKeys residents;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    AuditSearch(ElasticsearchClient client, AuditProjection projection, ResidentSearchKeys residents,
                ApplicationEventPublisher events, TransactionTemplate tx) {
        this.client = client;
        this.projection = projection;
        this.residents = residents;
        this.events = events;
        this.tx = tx;
    }

    /**
     * One page of entries that match, sorted as asked, with the exact number of all matches. The first page of a
     * search is recorded in the audit log.
     *
     * @throws DomainValidationException naming the field, for a filter that cannot be right
     */
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    public AuditPage search(AuditQuery query, int page, int size, AuditPage.Sort sort) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new DomainValidationException("size", "每页条数应为 1–" + MAX_PAGE_SIZE + "，页码不能为负");
        }
        if (((long) page + 1) * size > MAX_WINDOW) {
            throw new DomainValidationException("page", "只能翻阅前 " + MAX_WINDOW + " 条结果，请缩小查询范围或导出");
        }
        Query q = toQuery(query);
        if (page == 0) {
            record("search", query); // once per search; turning its pages is the same search
        }
        try {
            // the index exists only after the first projection round (or during a rebuild): no index, no hits
            SearchResponse<Map> response = client.search(s -> s.index(projection.index()).ignoreUnavailable(true)
                    .query(q).from(page * size).size(size).trackTotalHits(t -> t.enabled(true)).sort(sortOf(sort)), Map.class);
            List<AuditHit> hits = response.hits().hits().stream().map(AuditSearch::hit).toList();
            long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
            return new AuditPage(hits, total, page, size);
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /**
     * Every entry that matches, oldest first, page by page to the consumer (for CSV and PDF exports); at most
     * {@code limit}. Returns how many were passed on.
     */
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    public long export(AuditQuery query, int limit, Consumer<AuditHit> sink) {
        Query q = toQuery(query);
        record("export", query);
        long count = 0;
        List<FieldValue> after = null;
        while (count < limit) {
            int pageSize = (int) Math.min(1000, limit - count);
            List<Hit<Map>> hits = exportPage(q, pageSize, after);
            for (Hit<Map> h : hits) {
                sink.accept(hit(h)); // a failure of the sink (the client went away) is the sink's own
                count++;
            }
            if (hits.size() < pageSize) {
                return count;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        return count;
    }

    private List<Hit<Map>> exportPage(Query q, int pageSize, List<FieldValue> searchAfter) {
        try {
            SearchResponse<Map> response = client.search(s -> {
                s.index(projection.index()).ignoreUnavailable(true).query(q).size(pageSize)
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                return searchAfter == null ? s : s.searchAfter(searchAfter);
            }, Map.class);
            return response.hits().hits();
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The query for the filters within the caller's region; validates every filter first. */
    Query toQuery(AuditQuery query) {
        CurrentUser user = SecurityContextUsers.require();
        List<FieldViolation> violations = new ArrayList<>();
        BoolQuery.Builder bool = new BoolQuery.Builder();
        String scope = user.region().scopePrefix();
        if (!scope.isEmpty()) {
            bool.filter(f -> f.prefix(p -> p.field("regionCode").value(scope)));
        }
        code(query.cardNo(), "cardNo", "卡号", violations).ifSet(v -> term(bool, "cardNo", v));
        boolean hasType = !AuditQuery.blank(query.documentType());
        boolean hasNumber = !AuditQuery.blank(query.documentNumber());
        if (hasType != hasNumber) {
            violations.add(new FieldViolation(hasType ? "documentNumber" : "documentType",
                    "按证件查询须同时填写「证件类型」和「证件号码」"));
        } else if (hasType) {
            term(bool, "documentKey", residents.documentKey(query.documentType().strip(),
                    query.documentNumber().strip()));
        }
        if (!AuditQuery.blank(query.name())) {
            if (query.name().strip().length() > 50) {
                violations.add(new FieldViolation("name", "「姓名」不能超过50个字"));
            } else {
                term(bool, "nameKey", residents.nameKey(query.name()));
            }
        }
        code(query.institution(), "institution", "机构代码", violations).ifSet(v -> term(bool, "institutionCode", v));
        if (!AuditQuery.blank(query.regionCode())) {
            try {
                RegionCode region = RegionCode.of(query.regionCode());
                if (!user.region().covers(region)) {
                    violations.add(new FieldViolation("regionCode", "「行政区划」" + region
                            + " 不在您的管辖范围内"));
                } else if (!region.scopePrefix().isEmpty()) {
                    bool.filter(f -> f.prefix(p -> p.field("regionCode").value(region.scopePrefix())));
                }
            } catch (DomainValidationException e) {
                violations.add(new FieldViolation("regionCode", "「行政区划」应为6位数字"));
            }
        }
        code(query.eventType(), "eventType", "事件类型", violations).ifSet(v -> term(bool, "eventType", v));
        code(query.actor(), "actor", "经办人", violations).ifSet(v -> term(bool, "actor", v));
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            violations.add(new FieldViolation("from", "「开始日期」不能晚于「结束日期」"));
        } else if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("occurredAt");
                if (query.from() != null) {
                    d.gte(startOf(query.from()).toString());
                }
                if (query.to() != null) {
                    d.lt(startOf(query.to().plusDays(1)).toString());
                }
                return d;
            })));
        }
        if (!AuditQuery.blank(query.text())) {
            if (query.text().strip().length() > 100) {
                violations.add(new FieldViolation("text", "「关键词」不能超过100个字"));
            } else {
                bool.must(m -> m.matchPhrase(p -> p.field("detail").query(query.text().strip())));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return bool.build()._toQuery();
    }

    private void record(String how, AuditQuery query) {
        CurrentUser user = SecurityContextUsers.require();
        tx.executeWithoutResult(s -> events.publishEvent(new AuditSearched(user.username(), user.region().value(),
                how, query.describe())));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ChinaTime.ZONE).toInstant();
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        bool.filter(f -> f.term(t -> t.field(field).value(value)));
    }

    private static Filter code(String value, String field, String label, List<FieldViolation> violations) {
        if (AuditQuery.blank(value)) {
            return new Filter(null);
        }
        if (!CODE.matcher(value.strip()).matches()) {
            violations.add(new FieldViolation(field, "「" + label + "」只能包含字母、数字和 _ . -，不超过64位"));
            return new Filter(null);
        }
        return new Filter(value.strip());
    }

    /** A checked filter value, or nothing when blank or wrong. */
    private record Filter(String value) {
        void ifSet(Consumer<String> action) {
            if (value != null) {
                action.accept(value);
            }
        }
    }

    private static List<SortOptions> sortOf(AuditPage.Sort sort) {
        List<SortOptions> sorts = new ArrayList<>();
        switch (sort == null ? AuditPage.Sort.NEWEST_FIRST : sort) {
            case OLDEST_FIRST -> sorts.add(by("id", SortOrder.Asc));
            case EVENT_TYPE -> sorts.add(by("eventType", SortOrder.Asc));
            case ACTOR -> sorts.add(by("actor", SortOrder.Asc));
            case CARD_NO -> sorts.add(by("cardNo", SortOrder.Asc));
            case NEWEST_FIRST -> {
            }
        }
        sorts.add(by("id", sort == AuditPage.Sort.OLDEST_FIRST ? SortOrder.Asc : SortOrder.Desc));
        return sorts;
    }

    private static SortOptions by(String field, SortOrder order) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(order).missing("_last")));
    }

    private static AuditHit hit(Hit<Map> hit) {
        Map<?, ?> d = hit.source();
        return new AuditHit(((Number) d.get("id")).longValue(), Instant.parse((String) d.get("occurredAt")),
                str(d, "eventType"), str(d, "actor"), str(d, "institutionCode"), str(d, "regionCode"),
                str(d, "subjectType"), str(d, "subjectId"), str(d, "channel"), str(d, "detail"), str(d, "cardNo"),
                str(d, "caseRef"), str(d, "nameMasked"), str(d, "documentNumberMasked"));
    }

    private static String str(Map<?, ?> d, String key) {
        Object v = d.get(key);
        return v == null ? null : v.toString();
    }

    /**
     * Elasticsearch cannot answer (down, unreachable, timing out, refusing): 503 for the API, a message on screen.
     * Validation and access refusals thrown inside the search keep their own meaning.
     */
    private static RuntimeException unavailable(Exception e) {
        if (e instanceof DomainValidationException || e instanceof org.springframework.security.access.AccessDeniedException) {
            return (RuntimeException) e;
        }
        return new ServiceUnavailableException("AUDIT_SEARCH_UNAVAILABLE",
                "审计检索服务暂不可用，请稍后再试 (audit search unavailable)", e);
    }
}
