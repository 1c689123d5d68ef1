package cn.healthcard.supervision;

import cn.healthcard.common.AuditableEvent;

/**
 * One case or card shown in a drill-down (SUP-02, SEC-03): logged per row, with the case, card and resident keys,
 * so that every number read is in the log in full and a resident's trail ("who read my data") finds the read.
 *
 * @param measure the number the case is behind
 * @param kind the row's kind ({@link Measure#caseKind()}): APPLICATION, CARD, REQUEST, TASK, DONE_TASK, RESULT, USE or
 *        VERIFICATION_COUNT
 * @param caseNo the case number (申领编号, 业务编号; the card number for a card and a card use; the terminal of a
 *        verification counter row)
 * @param residentId the holder's internal id, or {@code null} (a task: taken from its case's entries)
 * @param regionCode the case's region
 */
public record StatisticsCaseRead(String measure, String kind, String caseNo, String residentId,
                                 String regionCode) implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Statistics";
    }

    @Override
    public String subjectId() {
        return measure;
    }

    @Override
    public String detail() {
        return measure + " " + kind + " " + caseNo;
    }

    @Override
    public String cardNo() {
        return kind.equals("CARD") || kind.equals("USE") ? caseNo : null;
    }

    @Override
    public String caseRef() {
        return kind.equals("CARD") || kind.equals("USE") || kind.equals("VERIFICATION_COUNT") ? null : caseNo;
    }
}
