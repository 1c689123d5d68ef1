package cn.healthcard.card.web;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusQuery;
import cn.healthcard.card.CardStatusResult;
import cn.healthcard.card.CardStatusRow;
import cn.healthcard.card.CardStatusSearch;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 卡片状态查询 over HTTP (APP-13, SEC-02, INT-06): the same service and rules as the screen. Bad parameters answer
 * 400 problem+json naming the query parameter ({@code region}, {@code institution}, {@code status}, {@code from},
 * {@code to}, {@code dateField}, {@code page}, {@code size}, {@code sort}). The query string is bound to
 * {@link CardStatusFilters} and the shared {@link PageQuery}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "card-status", description = "卡片状态查询 / card-status search with counts")
@SecurityRequirement(name = "basic")
class CardStatusController {

    static final int DEFAULT_SIZE = 50;

    /** Service field → query parameter, so that a problem names what the caller sent. */
    private static final Map<String, String> PARAMETERS = Map.of("regionCode", "region",
            "institutionCode", "institution", "statuses", "status");


    private final CardStatusSearch search;

    CardStatusController(CardStatusSearch search) {
        this.search = search;
    }

    @GetMapping("/cards")
    @Operation(summary = "Current status of cards, with counts per status (卡片状态查询)", description = "Cards within "
            + "the caller's region, filtered by region (prefix scope: a province code finds all its cities and "
            + "counties), institution, status and a period (China time, both ends inclusive) on the issue date "
            + "(dateField=ISSUED) or the last status change (dateField=STATUS_CHANGED, the default). countsByStatus "
            + "and total are exact counts over the whole filter, not just the page, from the card table. Holder names "
            + "are masked. Page size 1–" + CardStatusSearch.MAX_PAGE_SIZE + ", default " + DEFAULT_SIZE + ". Roles "
            + "AUDITOR, SUPERVISOR, ADMIN; 403 for others; 400 names each bad parameter.")
    CardStatusResponse cards(@Valid @ParameterObject CardStatusFilters filters,
                             @Valid @ParameterObject PageQuery paging) {
        CardStatusResult result;
        try {
            result = search.search(new CardStatusQuery(filters.region(), filters.institution(), filters.statuses(),
                    filters.dateFieldValue(), filters.from(), filters.to(), paging.pageOrFirst(),
                    paging.sizeOr(DEFAULT_SIZE), filters.ordering()));
        } catch (DomainValidationException e) {
            throw new DomainValidationException(e.violations().stream()
                    .map(v -> new FieldViolation(PARAMETERS.getOrDefault(v.field(), v.field()), v.message()))
                    .toList());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        result.countsByStatus().forEach((s, n) -> counts.put(s.name(), n));
        return new CardStatusResponse(result.items().stream().map(Item::of).toList(), counts, result.total(),
                result.page(), result.size(), result.totalPages());
    }

    record CardStatusResponse(List<Item> items,
                              @Schema(description = "exact count per status over the whole filter (every status "
                                      + "asked for, 0 where none)") Map<String, Long> countsByStatus,
                              @Schema(description = "cards matching the filter") long total,
                              int page, int size, long totalPages) {
    }

    @Schema(description = "One card: no document number; the holder's name masked")
    record Item(String cardNo,
                @Schema(implementation = CardStatus.class) String status,
                @Schema(description = "status in Chinese", example = "正常") String statusName,
                @Schema(description = "holder's name, masked", example = "张*三") String holderName,
                String regionCode, String regionName, String institutionCode, String institutionName,
                Instant producedAt, Instant issuedAt, Instant statusChangedAt) {

        static Item of(CardStatusRow r) {
            return new Item(r.cardNo(), r.status().name(), r.status().nameZh(), r.holderNameMasked(), r.regionCode(),
                    r.regionName(), r.institutionCode(), r.institutionName(), r.producedAt(), r.issuedAt(),
                    r.statusChangedAt());
        }
    }
}
