package cn.healthcard.sam;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.sam.internal.SamBlacklistChangeRecord;
import cn.healthcard.sam.internal.SamBlacklistChangeRepository;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The SAM blacklist (BL-01): frozen and cancelled SAM cards, listed and removed automatically by
 * {@link SamStateChanges}. The change log is exported like the card blacklist's (same roles, stable seq order, paging
 * by {@code since}, at most {@value #MAX_EXPORT_LIMIT} per page); the current list is the register filtered by status.
 */
@Service
public class SamBlacklistService {

    public static final int MAX_EXPORT_LIMIT = 5000;

    private final SamBlacklistChangeRepository changes;
    private final SamRegister register;

    SamBlacklistService(SamBlacklistChangeRepository changes, SamRegister register) {
        this.changes = changes;
        this.register = register;
    }

    /** The change log after {@code since}, oldest first; since 0 is the full export. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR','ADMIN')")
    public SamBlacklistChanges changesSince(long since, int limit) {
        List<FieldViolation> v = new ArrayList<>();
        if (since < 0) {
            v.add(new FieldViolation("since", "「since」不能小于0"));
        }
        if (limit < 1 || limit > MAX_EXPORT_LIMIT) {
            v.add(new FieldViolation("limit", "「limit」应在1–" + MAX_EXPORT_LIMIT + "之间"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        List<SamBlacklistChange> found = changes.findBySeqGreaterThanOrderBySeqAsc(since, Limit.of(limit + 1))
                .stream().map(SamBlacklistChangeRecord::toChange).toList();
        boolean more = found.size() > limit;
        List<SamBlacklistChange> items = more ? found.subList(0, limit) : found;
        long next = items.isEmpty() ? since : items.get(items.size() - 1).seq();
        return new SamBlacklistChanges(List.copyOf(items), next, more);
    }

    /** The SAM cards on the blacklist now (frozen or cancelled) within the caller's region, by number. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR','ADMIN')")
    public SamPage listed(String samNo, SamStatus status, int page, int size) {
        if (status != null && status != SamStatus.FROZEN && status != SamStatus.CANCELLED) {
            throw new DomainValidationException("status", "「状态」应为 FROZEN 或 CANCELLED");
        }
        return register.search(new SamQuery(samNo, status, null, null),
                EnumSet.of(SamState.FROZEN, SamState.CANCELLED), page, size);
    }
}
