package cn.healthcard.card.web;

import cn.healthcard.card.BlacklistChange;
import cn.healthcard.card.BlacklistChanges;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
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
    ChangesResponse changes(
            @Parameter(description = "last seq already applied; 0 for a full export",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            @RequestParam(name = "since", required = false) String since,
            @Parameter(description = "most changes to return, 1–" + BlacklistService.MAX_EXPORT_LIMIT,
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + BlacklistService.MAX_EXPORT_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            @RequestParam(name = "limit", required = false) String limit) {
        List<FieldViolation> violations = new ArrayList<>();
        Long sinceValue = number("since", since, 0L, violations);
        Long limitValue = number("limit", limit, (long) DEFAULT_LIMIT, violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        if (limitValue > Integer.MAX_VALUE) {
            limitValue = (long) Integer.MAX_VALUE; // refused by the service's range check
        }
        BlacklistChanges page = blacklist.changesSince(sinceValue, limitValue.intValue());
        return new ChangesResponse(page.items().stream().map(ChangeItem::of).toList(), page.nextSince(),
                page.hasMore());
    }

    private static Long number(String name, String raw, long fallback, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(name, "「" + name + "」应为整数"));
            return null;
        }
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
