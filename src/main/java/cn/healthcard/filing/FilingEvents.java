package cn.healthcard.filing;

import cn.healthcard.common.AuditableEvent;
import cn.healthcard.common.RegionCode;

/** Audited steps of manufacturer and product filing (FIL-01..03): all belong to the national centre's region. */
public final class FilingEvents {

    private FilingEvents() {
    }

    /** Common shape: the subject is the filing (its id), the case reference its application number. */
    public interface FilingEvent extends AuditableEvent {
        String filingId();

        String caseNo();

        @Override
        default String subjectType() {
            return "ProductFiling";
        }

        @Override
        default String subjectId() {
            return filingId();
        }

        @Override
        default String caseRef() {
            return caseNo();
        }

        @Override
        default String regionCode() {
            return RegionCode.NATIONAL.value();
        }
    }

    public record ManufacturerRegistered(String manufacturerId, String name, String creditCode, String apiClientId)
            implements AuditableEvent {
        public String subjectType() {
            return "Manufacturer";
        }

        public String subjectId() {
            return manufacturerId;
        }

        public String regionCode() {
            return RegionCode.NATIONAL.value();
        }

        public String detail() {
            return name + " " + creditCode + (apiClientId == null ? "" : " client " + apiClientId);
        }
    }

    public record ProductFilingSubmitted(String filingId, String caseNo, ProductType productType, String model,
                                         FilingChannel channel, int attachments) implements FilingEvent {
        public String detail() {
            return productType + " " + model + " via " + channel + ", " + attachments + " attachment(s)";
        }
    }

    public record ProductFilingReviewed(String filingId, String caseNo, String decision, String opinion)
            implements FilingEvent {
        public String detail() {
            return decision + ": " + opinion;
        }
    }

    public record ProductFilingResubmitted(String filingId, String caseNo, String productVersion, int newAttachments)
            implements FilingEvent {
        public String detail() {
            return "version " + productVersion + ", " + newAttachments + " new attachment(s)";
        }
    }

    public record ProductFilingWithdrawn(String filingId, String caseNo, String reason) implements FilingEvent {
        public String detail() {
            return reason;
        }
    }

    public record ProductFiled(String filingId, String caseNo, String filingNo, String validFrom, String validUntil)
            implements FilingEvent {
        public String detail() {
            return filingNo + " valid " + validFrom + " .. " + validUntil;
        }
    }

    public record ProductFilingRejected(String filingId, String caseNo, String reason) implements FilingEvent {
        public String detail() {
            return reason;
        }
    }

    public record ProductFilingExpiryReminded(String filingId, String caseNo, String filingNo, String validUntil)
            implements FilingEvent {
        public String detail() {
            return filingNo + " expires " + validUntil;
        }
    }

    public record ProductFilingLapsed(String filingId, String caseNo, String filingNo) implements FilingEvent {
        public String detail() {
            return filingNo + " expired, off the catalogue";
        }
    }

    public record ProductFilingRevoked(String filingId, String caseNo, String filingNo, String reason)
            implements FilingEvent {
        public String detail() {
            return filingNo + " revoked: " + reason;
        }
    }

    public record ProductFilingModified(String filingId, String caseNo, String productVersion) implements FilingEvent {
        public String detail() {
            return "version " + productVersion;
        }
    }

    public record FilingAttachmentDownloaded(String filingId, String caseNo, String attachmentId, String sm3)
            implements FilingEvent {
        public String detail() {
            return "attachment " + attachmentId + " sm3 " + sm3;
        }
    }

    /** A centre registered (or updated) its use of a filed product (FIL-03); region = the centre's. */
    public record ProductInUseRegistered(String filingId, String caseNo, String institutionCode, String usedInRegion,
                                         int quantity) implements FilingEvent {
        @Override
        public String regionCode() {
            return usedInRegion;
        }

        public String detail() {
            return institutionCode + " uses " + quantity;
        }
    }
}
