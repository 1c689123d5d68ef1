/**
 * The card maker's floor (制卡现场, issue #13, PER-06..PER-12; decision 028): one case per released batch
 * ({@code processes/production-batch-handover.bpmn}, started on {@code BatchReleased}) from the data file's receipt
 * through the two-person start, production, hand-over forms, scrap and destruction, the double count and the lead's
 * sign-off to the sealed boxes ({@code BatchSealed}) and the two-person close; the maker's store of sealed boxes and
 * its incidents; warehouse movements and the daily reconciliation; the production log.
 *
 * <p>{@code FloorService} runs the case (delegates in {@code floor.process}, task forms and the 制卡现场 screen in
 * {@code floor.ui}, REST in {@code floor.web}); {@code FloorStock} the movements, reconciliation and log;
 * {@code BoxStore} the store; {@code FloorStaff} who is lead; {@code FloorDocuments} the PDFs. Maker users (role
 * PRODUCTION at a CARD_MAKER institution) see only their own maker's batches; supervisors and auditors of the batch's
 * region read.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "floor 制卡现场",
        allowedDependencies = {"common", "institution", "production", "production :: datafile", "report", "security", "shell",
                "workflow", "workflow :: form"})
package cn.healthcard.floor;
