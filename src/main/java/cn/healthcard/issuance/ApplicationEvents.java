package cn.healthcard.issuance;

import cn.healthcard.common.AuditableEvent;

/** Audited events of the card-application case. */
public final class ApplicationEvents {

    private ApplicationEvents() {
    }

    /** Common shape: subject is the application. */
    public interface ApplicationEvent extends AuditableEvent {
        String applicationId();

        @Override
        default String subjectType() {
            return "CardApplication";
        }

        @Override
        default String subjectId() {
            return applicationId();
        }

        @Override
        default String caseRef() {
            return applicationId();
        }
    }

    public record CardApplicationSubmitted(String applicationId, String regionCode, String channel,
                                            String residentId)
            implements ApplicationEvent {
        public String detail() {
            return "channel=" + channel;
        }
    }

    public record CardApplicationResubmitted(String applicationId, String regionCode) implements ApplicationEvent {
        public String detail() {
            return null;
        }
    }

    /** {@code decision} is the review's code: APPROVE, RETURN or REJECT ({@link cn.healthcard.workflow.Review}). */
    public record CardApplicationReviewed(String applicationId, String regionCode, String decision,
                                          String comment) implements ApplicationEvent {
        public String detail() {
            return decision + (comment == null ? "" : ": " + comment);
        }
    }

    /** The clerk withdrew a returned application instead of correcting it; the one-card claim is released. */
    public record CardApplicationWithdrawn(String applicationId, String regionCode, String reason)
            implements ApplicationEvent {
        public String detail() {
            return reason;
        }
    }

    public record CardApplicationRejected(String applicationId, String regionCode, String reason)
            implements ApplicationEvent {
        public String detail() {
            return reason;
        }
    }

    public record CardProductionRequested(String applicationId, String regionCode, String productionRef)
            implements ApplicationEvent {
        public String detail() {
            return "order=" + productionRef;
        }
    }

    public record CardReadyForPickup(String applicationId, String regionCode, String cardNo)
            implements ApplicationEvent {
        public String detail() {
            return "card=" + cardNo;
        }
    }

    public record CardPickedUp(String applicationId, String regionCode, String cardNo, boolean bySelf)
            implements ApplicationEvent {
        public String detail() {
            return "card=" + cardNo + (bySelf ? ", 本人领取" : ", 代领");
        }
    }

    public record ReviewEscalated(String applicationId, String regionCode, String toUser) implements ApplicationEvent {
        public String detail() {
            return "escalated to " + (toUser == null ? "(no group lead configured)" : toUser);
        }
    }
}
