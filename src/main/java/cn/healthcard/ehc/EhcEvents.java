package cn.healthcard.ehc;

import cn.healthcard.common.AuditableEvent;
import cn.healthcard.common.BatchedAuditableEvent;

/** Audited events of the electronic health card. No personal data in plaintext: keyed indexes and masks only. */
public final class EhcEvents {

    private EhcEvents() {
    }

    /** A master index was created for a person's first document. */
    public record MasterIndexCreated(String masterIndexId, String regionCode, String documentType,
                                     String documentNumberMasked, String residentId) implements AuditableEvent {
        public String subjectType() {
            return "MasterIndex";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            return "证件 " + documentType + " " + documentNumberMasked;
        }
    }

    /** Another document of the same person joined the master index, verified by {@code verifiedBy}. */
    public record MasterIndexDocumentLinked(String masterIndexId, String regionCode, String documentType,
                                            String documentNumberMasked, String verifiedBy)
            implements AuditableEvent {
        public String subjectType() {
            return "MasterIndex";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            return "关联证件 " + documentType + " " + documentNumberMasked + "，核验人 " + verifiedBy;
        }
    }

    /** A hospital visit card was bound to the master index (EHC-07). */
    public record VisitCardBound(String masterIndexId, String regionCode, String institutionCode, String visitCardNo)
            implements AuditableEvent {
        public String subjectType() {
            return "MasterIndex";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            return "就诊卡 " + institutionCode + " " + visitCardNo;
        }
    }

    /** An e-card account was opened; the subject is the master index (one account each). */
    public record EhcAccountOpened(String masterIndexId, String ehcId, String regionCode, EhcOrigin origin,
                                   EhcChannel channel, String clientId, String cardNo, String residentId)
            implements AuditableEvent {
        public String subjectType() {
            return "EhcAccount";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            // not the e-card ID: audit details are projected into Elasticsearch (issue #10); the subject is the master
            // index, whose account has the ID
            return origin.nameZh() + " " + channel + (clientId == null ? "" : " " + clientId);
        }
    }

    /** The account followed its physical card: frozen, active again, revoked, or moved to a replacement card. */
    public record EhcAccountStatusChanged(String masterIndexId, String regionCode, EhcStatus from, EhcStatus to,
                                          String cardNo, String residentId, String reason)
            implements AuditableEvent {
        public String subjectType() {
            return "EhcAccount";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            return from + " → " + to + " (" + reason + ")";
        }
    }

    /** The static code was printed (PDF). */
    public record EhcQrPrinted(String masterIndexId, String regionCode, String residentId) implements AuditableEvent {
        public String subjectType() {
            return "EhcAccount";
        }

        public String subjectId() {
            return masterIndexId;
        }

        public String detail() {
            return "打印静态二维码";
        }
    }

    /** A terminal was registered or changed state. */
    public record TerminalChanged(String terminalId, String regionCode, String institutionCode, TerminalState state,
                                  String what) implements AuditableEvent {
        public String subjectType() {
            return "EhcTerminal";
        }

        public String subjectId() {
            return terminalId;
        }

        public String detail() {
            return what + " " + institutionCode + " " + state;
        }
    }

    /**
     * A terminal verified a code (EHC-05): the subject is the terminal, the detail the outcome and, when known, the
     * master index. Appended by the audit module's batch writer (decision 016).
     */
    public record EhcVerified(String terminalId, String regionCode, String outcome, String masterIndexId,
                              String residentId, String scene) implements BatchedAuditableEvent {
        public String subjectType() {
            return "EhcTerminal";
        }

        public String subjectId() {
            return terminalId;
        }

        public String detail() {
            return outcome + (scene == null ? "" : " " + scene) + (masterIndexId == null ? "" : " 主索引 " + masterIndexId);
        }
    }

    /** A bulk run started, resumed or ended. */
    public record EhcBulkRunChanged(long runId, BulkRunView.State state, long created, long skipped, String what)
            implements AuditableEvent {
        public String subjectType() {
            return "EhcBulkRun";
        }

        public String subjectId() {
            return String.valueOf(runId);
        }

        public String regionCode() {
            return null;
        }

        public String detail() {
            return what + " " + state + " created=" + created + " skipped=" + skipped;
        }
    }
}
