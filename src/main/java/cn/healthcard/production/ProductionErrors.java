package cn.healthcard.production;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.production.internal.ErrorStore;
import cn.healthcard.production.internal.OrderStore;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The issuer's error records per card (制卡差错, PER-04): the maker never changes data; a card it could not make (or
 * scrapped) comes back as an error record. The issuer corrects the resident's data (the existing resident edit) and
 * resends the case: its order goes back to the queue for a later plan, in a new batch and data file.
 */
@Service
public class ProductionErrors {

    private final ErrorStore errors;
    private final OrderStore orders;
    private final ApplicationEventPublisher events;

    ProductionErrors(ErrorStore errors, OrderStore orders, ApplicationEventPublisher events) {
        this.errors = errors;
        this.orders = orders;
        this.events = events;
    }

    /** One error record as the issuer sees it. */
    public record ErrorView(String id, String caseId, String batchNo, String regionCode, String kind, String field,
                            String reason, String reportedBy, Instant reportedAt, String resentBy, Instant resentAt) {
    }

    /** Error records of the caller's region and below, newest first; only open ones unless {@code all}. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK')")
    public List<ErrorView> list(boolean all) {
        CurrentUser user = SecurityContextUsers.require();
        return errors.list(user.region().scopePrefix(), all, 500).stream().map(ProductionErrors::view).toList();
    }

    /**
     * Resends a case whose card failed, after its data was corrected: its order is queued for a later plan and its
     * open error records are closed.
     *
     * @throws NotFoundException outside the caller's region or when the case has no error
     * @throws ConflictException {@code PRODUCTION_NOT_IN_ERROR} when its order does not wait for a resend
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK')")
    public void resend(String caseId) {
        CurrentUser user = SecurityContextUsers.require();
        var order = orders.byCase(caseId).filter(o -> user.canSee(o.regionCode()))
                .orElseThrow(() -> new NotFoundException("没有案件 " + caseId + " 的制卡记录"));
        if (!orders.requeue(caseId)) {
            throw new ConflictException("PRODUCTION_NOT_IN_ERROR", "caseId", "案件 " + caseId
                    + " 不在待重新制卡状态（当前 " + order.status() + "）");
        }
        errors.resent(caseId, user.username());
        events.publishEvent(new ProductionEvents.ProductionResent(caseId, order.regionCode(), user.username()));
    }

    private static ErrorView view(ErrorStore.ErrorRecord e) {
        return new ErrorView(e.id(), e.caseId(), e.batchNo(), e.regionCode(), e.kind(), e.field(), e.reason(),
                e.reportedBy(), e.reportedAt(), e.resentBy(), e.resentAt());
    }
}
