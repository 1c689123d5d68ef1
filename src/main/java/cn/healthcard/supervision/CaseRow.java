package cn.healthcard.supervision;

import java.time.LocalDate;

/**
 * One case, card or row behind a number (drill-down, case-level export; decision 039). The holder's name is masked,
 * never clear. What the fields hold depends on {@code kind} ({@link Measure#caseKind()}):
 * <ul>
 *   <li>APPLICATION, CARD, REQUEST: the case (申领编号, card number, 业务编号), its region and desk, the holder, the
 *       status (an enum name), the day of the measure's event;</li>
 *   <li>TASK (overdue): business key, the case's region, the institution, the applicant, the task's name, the day
 *       it was created;</li>
 *   <li>DONE_TASK (handled): business key, the region and institution of the person who completed it, the
 *       assignee (masked), the task's name, the day it ended, and in {@code quantity} the minutes it took;</li>
 *   <li>RESULT (failed production answer): the case, the batch's region, the card maker, the holder, the reason,
 *       the day of the answer, in {@code detail} the batch number;</li>
 *   <li>USE (card use): the card number, the use's region and medical institution, the holder, the stage
 *       (scenario), the day of the use;</li>
 *   <li>VERIFICATION_COUNT (e-card verifications, a daily counter, no single verification is stored): the terminal,
 *       the region and medical institution, no name, the scene, the day, in {@code quantity} the count, in
 *       {@code detail} the SAM number;</li>
 *   <li>CARD of SUP-01's 制卡 bar (MADE narrowed by maker): as CARD, the day of the answer, in {@code detail} the
 *       batch; REQUEST: in {@code detail} the request type;</li>
 *   <li>SAM (SAM card): its number, region, institution (else its place), state, day made, batch in {@code detail};
 *       FILING (product filing): case number, product type as institution, status, day applied, manufacturer in
 *       {@code detail}; INSTITUTION: code, region, kind as status, day registered, name in {@code detail}. None of
 *       these three names a person.</li>
 * </ul>
 *
 * @param quantity a completed task's minutes, a counter row's verifications; {@code null} for the other kinds
 * @param detail a production answer's or SAM card's batch, a counter row's SAM number, a request's type, a filing's
 *        manufacturer, an institution's name; {@code null} for the other kinds
 */
public record CaseRow(String caseNo, String kind, String regionCode, String institutionCode, String maskedName,
        String status, LocalDate date, Long quantity, String detail) {

    /** A row of a kind without a quantity or a detail. */
    public CaseRow(String caseNo, String kind, String regionCode, String institutionCode, String maskedName,
                   String status, LocalDate date) {
        this(caseNo, kind, regionCode, institutionCode, maskedName, status, date, null, null);
    }
}
