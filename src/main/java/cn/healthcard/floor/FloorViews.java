package cn.healthcard.floor;

import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorEnums.Shift;
import cn.healthcard.floor.FloorEnums.Stock;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the floor's services answer: read-only views of its records. */
public final class FloorViews {

    private FloorViews() {
    }

    /** A batch on the floor. */
    public record Batch(String batchNo, String planNo, String makerCode, String centreCode, String regionCode,
                        int cardCount, String dataFileName, BatchStatus status, String refusal, Integer receivedCount,
                        Integer produced, Integer failed, Integer destroyed, String startFirstBy,
                        String startSecondBy, String closeFirstBy, String closeSecondBy, String signedOffBy,
                        Instant signedOffAt, Integer sealedCards, Instant releasedAt, Instant updatedAt,
                        Integer startAttempts, String startError, Instant startFailedAt) {
        /** The floor case failed to start too often and is no longer retried (decision 028). */
        public boolean startFailed() {
            return startFailedAt != null;
        }
    }

    /**
     * One hand-over form (交接单, PER-07): counts in, and where each card went. Until its receiver confirmed it, only
     * the person who handed it over sees its counts (the receiver counts blind); the others get it without them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Handover(String id, String batchNo, HandoverStep step, String handedBy, String receivedBy,
                           Integer countIn, Integer good, Integer damaged, Integer rework, Instant recordedAt,
                           Instant confirmedAt) {
        /** The receiver has confirmed it (PER-07); until then the next step does not start. */
        public boolean confirmed() {
            return confirmedAt != null;
        }

        /** Counts out (null when the counts are not shown). */
        public Integer countOut() {
            return good == null || damaged == null || rework == null ? null : good + damaged + rework;
        }

        /** The form as {@code username} may see it: without counts while unconfirmed, unless he handed it over. */
        public Handover seenBy(String username) {
            return confirmed() || handedBy.equals(username) ? this
                    : new Handover(id, batchNo, step, handedBy, receivedBy, null, null, null, null, recordedAt, null);
        }
    }

    /** One scrap entry (PER-08). */
    public record Scrap(String id, String batchNo, String makerCode, ScrapCategory category, String cardNo,
                        int quantity, String reason, LocalDate scrapDay, String recordedBy, Instant recordedAt) {
    }

    /** The destruction record (销毁记录单) of a batch, co-signed by a second person. */
    public record Destruction(String batchNo, String method, String place, int quantity, String recordedBy,
                              Instant recordedAt, String cosignedBy, Instant cosignedAt) {
    }

    /** One count of a round of the double count (PER-11): {@code whichCount} 1 or 2. */
    public record Count(String id, String batchNo, int roundNo, int whichCount, int counted, String countedBy,
                        Instant countedAt) {
    }

    /** A sealed box (PER-11, PER-12). */
    public record Box(String boxNo, String batchNo, String makerCode, String sealNo, int cardCount, String status,
                      String sealedBy, Instant sealedAt) {
    }

    /** A damaged or opened box: recounted, repacked under a new seal, investigated and registered (PER-12). */
    public record BoxIncident(String id, String boxNo, BoxIncidentKind kind, String note, String status,
                              String reportedBy, Instant reportedAt, Integer recounted, String oldSealNo,
                              String newSealNo, String repackedBy, String findings, String registeredBy,
                              Instant registeredAt) {
    }

    /** A warehouse movement of a maker's stock. */
    public record Movement(String id, String makerCode, LocalDate moveDay, Stock stock, Direction direction,
                           int quantity, String batchNo, String note, String recordedBy, Instant recordedAt) {
    }

    /** A day's reconciliation (PER-09) and its lines. */
    public record Reconciliation(String id, String makerCode, LocalDate recDay, String status, String countedBy,
                                 Instant countedAt, String explanation, String explainedBy, String confirmedBy,
                                 Instant confirmedAt, List<Line> lines) {

        public static final String MATCHED = "MATCHED";
        public static final String MISMATCH = "MISMATCH";
        public static final String EXPLAINED = "EXPLAINED";

        public boolean blocking() {
            return MISMATCH.equals(status);
        }

        /** opening + in − out − scrap = closing, against the physical count. */
        public record Line(Stock stock, int opening, int qtyIn, int qtyOut, int scrap, int closing, int physical) {
            public boolean matches() {
                return closing == physical;
            }
        }
    }

    /** A production log entry (PER-10): a shift hand-over, a step, or a note. */
    public record LogEntry(String id, String makerCode, String batchNo, Shift shift, String entryKind,
                           String handedFrom, String handedTo, String workState, String recordedBy,
                           Instant recordedAt) {
    }

    /** The full record of a batch, for its screen, its forms and its PDFs. */
    public record BatchRecord(Batch batch, List<Handover> handovers, List<Scrap> scraps, Destruction destruction,
                              List<Count> counts, List<Box> boxes) {

        /**
         * The record as {@code username} may see it: an unconfirmed hand-over without its counts unless he handed it
         * over (PER-07, blind confirmation); while the double count runs ({@code counting}) no counts (PER-11).
         */
        public BatchRecord seenBy(String username, boolean counting) {
            return new BatchRecord(batch, handovers.stream().map(h -> h.seenBy(username)).toList(), scraps,
                    destruction, counting ? List.of() : counts, boxes);
        }
    }
}
