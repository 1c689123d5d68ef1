package cn.healthcard.lifecycle;

import cn.healthcard.common.AuditableEvent;

/** Audited events of card lifecycle requests. */
public final class CardRequestEvents {

    private CardRequestEvents() {
    }

    /** Common shape: subject is the request. */
    public interface RequestEvent extends AuditableEvent {
        String requestId();

        @Override
        default String subjectType() {
            return "CardRequest";
        }

        @Override
        default String subjectId() {
            return requestId();
        }

        @Override
        default String caseRef() {
            return requestId();
        }
    }

    public record CardRequestSubmitted(String requestId, String regionCode, RequestType type, String cardNo,
                                       String residentId)
            implements RequestEvent {
        public String detail() {
            return type.nameZh() + " card=" + cardNo;
        }
    }

    public record CardRequestResubmitted(String requestId, String regionCode) implements RequestEvent {
        public String detail() {
            return null;
        }
    }

    /** {@code decision} is the review's code: APPROVE, RETURN or REJECT ({@link cn.healthcard.workflow.Review}). */
    public record CardRequestReviewed(String requestId, String regionCode, String decision, String comment)
            implements RequestEvent {
        public String detail() {
            return decision + (comment == null ? "" : ": " + comment);
        }
    }

    /** The clerk withdrew a sent-back request instead of correcting it; the card lock is released. */
    public record CardRequestWithdrawn(String requestId, String regionCode, String cardNo, String reason)
            implements RequestEvent {
        public String detail() {
            return "card=" + cardNo + ": " + reason;
        }
    }

    public record CardRequestRejected(String requestId, String regionCode, String reason) implements RequestEvent {
        public String detail() {
            return reason;
        }
    }

    public record CardRequestCompleted(String requestId, String regionCode, String cardNo) implements RequestEvent {
        public String detail() {
            return "card=" + cardNo;
        }
    }
}
