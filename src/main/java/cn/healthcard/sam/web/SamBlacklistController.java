package cn.healthcard.sam.web;

import cn.healthcard.sam.SamBlacklistChange;
import cn.healthcard.sam.SamBlacklistChanges;
import cn.healthcard.sam.SamBlacklistService;
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

/** SAM blacklist synchronisation for terminals and upper systems (BL-01), like the card blacklist's. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "sam-blacklist", description = "SAM卡黑名单同步 / SAM blacklist synchronisation")
@SecurityRequirement(name = "basic")
class SamBlacklistController {

    static final int DEFAULT_LIMIT = 500;

    private final SamBlacklistService blacklist;

    SamBlacklistController(SamBlacklistService blacklist) {
        this.blacklist = blacklist;
    }

    record ChangesQuery(
            @Parameter(description = "last seq already applied; 0 for a full export",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            Long since,
            @Parameter(description = "most changes to return, 1–" + SamBlacklistService.MAX_EXPORT_LIMIT,
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + SamBlacklistService.MAX_EXPORT_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            Long limit) {
    }

    record ChangesResponse(List<ChangeItem> items, long nextSince, boolean hasMore) {
    }

    @Schema(description = "One SAM blacklist change")
    record ChangeItem(long seq, @Schema(allowableValues = {"ADDED", "REMOVED"}) String action, String samNo,
                      @Schema(allowableValues = {"FROZEN", "CANCELLED"}) String reason, String terminalNo,
                      Instant at) {
        static ChangeItem of(SamBlacklistChange c) {
            return new ChangeItem(c.seq(), c.action().name(), c.samNo(), c.reason(), c.terminalNo(), c.at());
        }
    }

    @GetMapping("/sam-blacklist")
    @Operation(summary = "SAM blacklist changes after a sequence number (SAM卡黑名单全量/增量下载)", description =
            "ADDED (frozen or cancelled) / REMOVED (unfrozen) in ascending seq order; since=0 is the full export; ask "
            + "again with since=nextSince until hasMore is false. Roles CLERK, SUPERVISOR, AUDITOR, ADMIN.")
    ChangesResponse changes(@ParameterObject ChangesQuery query) {
        int limit = query.limit() == null ? DEFAULT_LIMIT
                : (int) Math.max(Integer.MIN_VALUE, Math.min(query.limit(), Integer.MAX_VALUE));
        SamBlacklistChanges page = blacklist.changesSince(query.since() == null ? 0L : query.since(), limit);
        return new ChangesResponse(page.items().stream().map(ChangeItem::of).toList(), page.nextSince(),
                page.hasMore());
    }
}
