package cn.healthcard.production.datafile;

import cn.healthcard.common.AuditableEvent;

/**
 * Every access to a production data file (PER-03), recorded permanently by the audit module in the publisher's
 * transaction. The subject is the file by name; details name the batch, maker, card count and the digest — never card
 * data or keys.
 */
public final class DataFileEvents {

    private DataFileEvents() {
    }

    /** An event about one data file. */
    public interface DataFileEvent extends AuditableEvent {
        String fileName();

        @Override
        default String subjectType() {
            return "ProductionDataFile";
        }

        @Override
        default String subjectId() {
            return fileName();
        }
    }

    /** The centre built, sealed and signed a file. */
    public record ProductionDataFileBuilt(String fileName, String regionCode, String batchNo, String makerCode,
                                          int cardCount, long bytes, String digest) implements DataFileEvent {
        public String detail() {
            return "batch=" + batchNo + " maker=" + makerCode + " cards=" + cardCount + " bytes=" + bytes + " sm3="
                    + digest;
        }
    }

    /** A maker verified a file (signature, addressing, batch, key version) without decrypting it. */
    public record ProductionDataFileVerified(String fileName, String regionCode, String batchNo, String makerCode,
                                             int cardCount) implements DataFileEvent {
        public String detail() {
            return "batch=" + batchNo + " maker=" + makerCode + " cards=" + cardCount;
        }
    }

    /** A maker decrypted and read every card of a file. */
    public record ProductionDataFileRead(String fileName, String regionCode, String batchNo, String makerCode,
                                         int cardCount) implements DataFileEvent {
        public String detail() {
            return "batch=" + batchNo + " maker=" + makerCode + " cards=" + cardCount;
        }
    }

    /** A maker's reader refused a file, with the reason's code. */
    public record ProductionDataFileRefused(String fileName, String regionCode, String makerCode, String reason)
            implements DataFileEvent {
        public String detail() {
            return "maker=" + makerCode + " reason=" + reason;
        }
    }
}
