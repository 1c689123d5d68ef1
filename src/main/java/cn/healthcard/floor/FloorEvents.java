package cn.healthcard.floor;

import cn.healthcard.common.AuditableEvent;

/**
 * Audited steps of the card maker's floor (PER-02, PER-04, PER-06..PER-12): one event per step a person or the system
 * takes, published by the services in their transaction. Batch events belong to the batch's region and case (the
 * batch number); maker events (movements, reconciliation, log, store, staff) to the maker's region.
 */
public final class FloorEvents {

    private FloorEvents() {
    }

    /** A step of a batch's case: subject the batch, case reference its number. */
    public interface BatchEvent extends AuditableEvent {
        String batchNo();

        @Override
        default String subjectType() {
            return "ProductionBatch";
        }

        @Override
        default String subjectId() {
            return batchNo();
        }

        @Override
        default String caseRef() {
            return batchNo();
        }
    }

    /** A record of a maker (movement, reconciliation, log entry, box, staff). */
    public interface MakerEvent extends AuditableEvent {
        String makerCode();

        String subject();

        @Override
        default String subjectType() {
            return "CardMaker";
        }

        @Override
        default String subjectId() {
            return makerCode() + ":" + subject();
        }
    }

    public record FloorCaseStarted(String batchNo, String regionCode, String makerCode, int cardCount)
            implements BatchEvent {
        public String detail() {
            return "maker " + makerCode + ", " + cardCount + " cards";
        }
    }

    /** The case of a released batch could not start (after the submission's commit); it is retried until it starts. */
    public record FloorCaseStartFailed(String batchNo, String regionCode, String makerCode, String error)
            implements BatchEvent {
        public String detail() {
            return "maker " + makerCode + ": the floor case did not start and is retried (" + error + ")";
        }
    }

    /** The floor case failed to start {@code attempts} times: no more automatic retries (a re-release tries again). */
    public record FloorCaseStartAbandoned(String batchNo, String regionCode, String makerCode, int attempts,
                                          String error) implements BatchEvent {
        public String detail() {
            return "maker " + makerCode + ": the floor case did not start after " + attempts
                    + " attempts; no more retries (" + error + ")";
        }
    }

    /** The line's answer did not come within the production deadline: an incident is raised, the lead is told. */
    public record BatchProductionOverdue(String batchNo, String regionCode, String deadline, String lead)
            implements BatchEvent {
        public String detail() {
            return "no production result within " + deadline + (lead == null ? "" : ", lead " + lead);
        }
    }

    public record BatchFileReceived(String batchNo, String regionCode, int records) implements BatchEvent {
        public String detail() {
            return records + " records received, file deleted from the receiving device";
        }
    }

    public record BatchFileRefused(String batchNo, String regionCode, String reason) implements BatchEvent {
        public String detail() {
            return reason;
        }
    }

    /** One of the two confirmations of the start or the close of a run (PER-06): {@code which} 1 or 2. */
    public record ProductionRunConfirmed(String batchNo, String regionCode, String phase, int which)
            implements BatchEvent {
        public String detail() {
            return phase + " confirmation " + which + " of 2";
        }
    }

    public record BatchProductionRecorded(String batchNo, String regionCode, int produced, int failed, int destroyed)
            implements BatchEvent {
        public String detail() {
            return "produced " + produced + ", failed " + failed + ", destroyed " + destroyed;
        }
    }

    public record HandoverRecorded(String batchNo, String regionCode, String step, String receivedBy, int countIn,
                                   int good, int damaged, int rework) implements BatchEvent {
        public String detail() {
            return step + " to " + receivedBy + ": in " + countIn + ", good " + good + ", damaged " + damaged
                    + ", rework " + rework;
        }
    }

    /** The receiver confirmed the hand-over with the same counts (PER-07); the next step starts. */
    public record HandoverConfirmed(String batchNo, String regionCode, String step, String handedBy, int countIn)
            implements BatchEvent {
        public String detail() {
            return step + " from " + handedBy + " confirmed by its receiver: in " + countIn;
        }
    }

    /**
     * The receiver's blind count differs from the hand-over form (PER-07): recorded, the confirmation refused. Both
     * sides' counts are kept for the review ({@code field} the first that differs).
     */
    public record HandoverDiscrepancy(String batchNo, String regionCode, String step, String handedBy,
                                      String receivedBy, String field, int handedIn, int handedGood,
                                      int handedDamaged, int handedRework, int countedIn, int countedGood,
                                      int countedDamaged, int countedRework) implements BatchEvent {
        public String detail() {
            return step + " from " + handedBy + " counted by " + receivedBy + ": " + field + " differs; handed "
                    + handedIn + " = " + handedGood + " + " + handedDamaged + " + " + handedRework + ", counted "
                    + countedIn + " = " + countedGood + " + " + countedDamaged + " + " + countedRework;
        }
    }

    public record HandoverWithdrawn(String batchNo, String regionCode, String step, String handedBy, String withdrawnBy)
            implements BatchEvent {
        public String detail() {
            return step + " from " + handedBy + " withdrawn unconfirmed by " + withdrawnBy;
        }
    }

    public record ScrapRecorded(String batchNo, String regionCode, int cards, int modules) implements BatchEvent {
        public String detail() {
            return cards + " cards and " + modules + " modules scrapped, destruction record filled in";
        }
    }

    public record DestructionCoSigned(String batchNo, String regionCode, String recordedBy) implements BatchEvent {
        public String detail() {
            return "destruction record of " + recordedBy + " co-signed";
        }
    }

    public record BatchCounted(String batchNo, String regionCode, int round, int which, int counted)
            implements BatchEvent {
        public String detail() {
            return "round " + round + " count " + which + ": " + counted;
        }
    }

    public record BatchSignedOff(String batchNo, String regionCode, String comment) implements BatchEvent {
        public String detail() {
            return comment == null ? "signed off by the lead" : "signed off by the lead: " + comment;
        }
    }

    public record BatchBoxesSealed(String batchNo, String regionCode, int boxes, int cards) implements BatchEvent {
        public String detail() {
            return cards + " cards sealed in " + boxes + " boxes";
        }
    }

    public record BatchStuckEscalated(String batchNo, String regionCode, String step, String toUser)
            implements BatchEvent {
        public String detail() {
            return "step " + step + " escalated to " + (toUser == null ? "(no lead assigned)" : toUser);
        }
    }

    public record CardErrorReported(String batchNo, String regionCode, String caseId, String field, String reason)
            implements BatchEvent {
        public String detail() {
            return "case " + caseId + " field " + field + ": " + reason;
        }
    }

    public record StockMoved(String makerCode, String regionCode, String subject, String stock, String direction,
                             int quantity, String batchNo) implements MakerEvent {
        public String detail() {
            return stock + " " + direction + " " + quantity + (batchNo == null ? "" : " batch " + batchNo);
        }
    }

    public record ReconciliationRecorded(String makerCode, String regionCode, String subject, String status)
            implements MakerEvent {
        public String detail() {
            return "reconciliation of " + subject + ": " + status;
        }
    }

    public record ReconciliationExplained(String makerCode, String regionCode, String subject, int which)
            implements MakerEvent {
        public String detail() {
            return which == 1 ? "mismatch of " + subject + " explained" : "explanation of " + subject + " confirmed";
        }
    }

    public record ProductionLogged(String makerCode, String regionCode, String subject, String shift, String kind)
            implements MakerEvent {
        public String detail() {
            return shift + " " + kind;
        }
    }

    public record BoxIncidentChanged(String makerCode, String regionCode, String subject, String step, String detail)
            implements MakerEvent {
    }

    public record FloorStaffAssigned(String makerCode, String regionCode, String subject, boolean lead)
            implements MakerEvent {
        public String detail() {
            return subject + (lead ? " is lead" : " is operator");
        }
    }
}
