package cn.healthcard.card.web;

import cn.healthcard.card.BlacklistChange;
import cn.healthcard.card.BlacklistChanges;
import cn.healthcard.card.BlacklistService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Blacklist synchronisation for other levels and terminals (BL-03, INT-04, INT-06): the change log, full or
 * incremental. Same service, same rules as the screens.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "blacklist", description = "黑名单同步 / blacklist synchronisation")
@SecurityRequirement(name = "basic")
class BlacklistController {

    static final int DEFAULT_LIMIT = 500;

    private final BlacklistService blacklist;

    BlacklistController(BlacklistService blacklist) {
        this.blacklist = blacklist;
    }

    @GetMapping("/blacklist")
    @Operation(summary = "Blacklist changes after a sequence number (黑名单全量/增量下载)", description = "Changes "
            + "(ADDED / REMOVED) in ascending seq order. since=0 (the default) is the full export. A copy stays exact "
            + "by applying the changes in order and asking again with since=nextSince until hasMore is false. "
            + "RESIDENT entries carry the keyed document index (HMAC-SM3, never the number), CARD entries the card "
            + "number (and the holder's index when known). Roles CLERK, SUPERVISOR, AUDITOR, ADMIN; 400 names a bad "
            + "parameter.")
    ChangesResponse changes(@ParameterObject ChangesQuery query) {
        // a limit beyond int range is kept beyond the service's range (never wrapped around), so it is refused there
        int limit = query.limit() == null ? DEFAULT_LIMIT
                : (int) Math.max(Integer.MIN_VALUE, Math.min(query.limit(), Integer.MAX_VALUE));
        BlacklistChanges page = blacklist.changesSince(query.since() == null ? 0L : query.since(), limit);
        return new ChangesResponse(page.items().stream().map(ChangeItem::of).toList(), page.nextSince(),
                page.hasMore());
    }

    /**
     * The query string of {@code GET /api/v1/blacklist}, bound by Spring: a value that is not an integer answers 400
     * naming it; the ranges are the service's.
     *
     * @param since last seq already applied; absent = 0, the full export
     * @param limit most changes to return; absent = {@value #DEFAULT_LIMIT}
     */
    record ChangesQuery(
            @Parameter(description = "last seq already applied; 0 for a full export",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            Long since,
            @Parameter(description = "most changes to return, 1–" + BlacklistService.MAX_EXPORT_LIMIT,
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + BlacklistService.MAX_EXPORT_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            Long limit) {
    }

    record ChangesResponse(List<ChangeItem> items, long nextSince, boolean hasMore) {
    }

    @Schema(description = "One blacklist change")
    record ChangeItem(long seq,
                      @Schema(allowableValues = {"ADDED", "REMOVED"}) String action,
                      long entryId,
                      @Schema(allowableValues = {"RESIDENT", "CARD"}) String kind,
                      String cardNo,
                      @Schema(description = "keyed index (HMAC-SM3, hex) of document type and number") String documentIndex,
                      String reason,
                      Instant at) {

        static ChangeItem of(BlacklistChange c) {
            return new ChangeItem(c.seq(), c.action().name(), c.entryId(), c.kind().name(), c.cardNo(),
                    c.documentIndex(), c.reason(), c.at());
        }
    }
}
