package cn.healthcard.floor.web;

import cn.healthcard.floor.BoxStore;
import cn.healthcard.floor.FloorDocuments;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.Shift;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.floor.FloorService;
import cn.healthcard.floor.FloorStaff;
import cn.healthcard.floor.FloorStock;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Box;
import cn.healthcard.floor.FloorViews.BoxIncident;
import cn.healthcard.floor.FloorViews.Count;
import cn.healthcard.floor.FloorViews.Handover;
import cn.healthcard.floor.FloorViews.LogEntry;
import cn.healthcard.floor.FloorViews.Movement;
import cn.healthcard.floor.FloorViews.Reconciliation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The card maker's floor over the API, for the maker's own systems (PER-04, PER-06..PER-12): its batches and their
 * steps addressed by batch number (the open task of that step; 409 NOT_AT_STEP when the batch is elsewhere), the
 * movements, reconciliation, production log, store and staff, and the PDFs. Another maker's batch answers 404.
 */
@RestController
@RequestMapping("/api/v1/floor")
@Tag(name = "floor", description = "制卡现场 / the card maker's floor")
@SecurityRequirement(name = "basic")
class FloorController {

    private final FloorService floor;
    private final FloorStock stock;
    private final BoxStore store;
    private final FloorStaff staff;
    private final FloorDocuments documents;

    FloorController(FloorService floor, FloorStock stock, BoxStore store, FloorStaff staff,
                    FloorDocuments documents) {
        this.floor = floor;
        this.stock = stock;
        this.store = store;
        this.staff = staff;
        this.documents = documents;
    }

    record CountRequest(Integer counted) {
    }

    record SignOffRequest(String comment) {
    }

    record CardErrorRequest(String caseId, String field, String reason) {
    }

    record MovementRequest(Stock stock, Direction direction, Integer quantity, String note) {
    }

    record ReconcileRequest(LocalDate day, Map<Stock, Integer> physical) {
    }

    record ExplanationRequest(String explanation) {
    }

    record ShiftRequest(Shift shift, String handedTo, String workState) {
    }

    record IncidentRequest(String boxNo, BoxIncidentKind kind, String note) {
    }

    record RepackRequest(Integer recounted, String newSealNo, List<String> missingCardNos) {
    }

    record FindingsRequest(String findings) {
    }

    record StaffRequest(String makerCode, String username, boolean lead) {
    }

    @GetMapping("/batches")
    @Operation(summary = "The caller's batches: its maker's, or its region's for supervisors and auditors")
    List<Batch> batches() {
        return floor.batches();
    }

    @GetMapping("/batches/{batchNo}")
    @Operation(summary = "A batch with its hand-over forms, scrap, destruction record, counts and boxes (404 when not visible)")
    BatchRecord batch(@PathVariable String batchNo) {
        return floor.batch(batchNo);
    }

    @PostMapping("/batches/{batchNo}/start-confirmations")
    @Operation(summary = "Confirm the start of the run (PER-06): the first confirmation, then a second by another person (403 for the same)")
    Batch confirmStart(@PathVariable String batchNo) {
        return floor.confirmStart(floor.taskAt(batchNo, FloorService.START_TASK));
    }

    @PostMapping(path = "/batches/{batchNo}/handovers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A hand-over form between steps (PER-07): counts in = good + damaged + rework, 400 by field")
    Handover handOver(@PathVariable String batchNo, @RequestBody HandoverForm body) {
        return floor.handOver(floor.taskAt(batchNo, FloorService.HANDOVER_TASK), body);
    }

    @PostMapping("/batches/{batchNo}/handover-withdrawals")
    @Operation(summary = "Withdraw the unconfirmed hand-over form (PER-07): the one who handed over or the lead, else 403")
    ResponseEntity<Void> withdrawHandover(@PathVariable String batchNo) {
        floor.withdrawHandover(floor.taskAt(batchNo, FloorService.HANDOVER_TASK));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/batches/{batchNo}/scrap", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Scrap by category with card numbers, and the destruction record (PER-08)")
    BatchRecord scrap(@PathVariable String batchNo, @RequestBody ScrapForm body) {
        return floor.recordScrap(floor.taskAt(batchNo, FloorService.SCRAP_TASK), body);
    }

    @PostMapping("/batches/{batchNo}/destruction-cosignature")
    @Operation(summary = "Co-sign the destruction record (PER-08; 403 for the person who filled it in)")
    BatchRecord coSign(@PathVariable String batchNo) {
        return floor.coSignDestruction(floor.taskAt(batchNo, FloorService.DESTRUCTION_TASK));
    }

    @PostMapping(path = "/batches/{batchNo}/counts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One count of the double count (PER-11): first, then second by another person; a mismatch loops to a recount")
    Count count(@PathVariable String batchNo, @RequestBody CountRequest body) {
        return floor.count(floor.countTaskAt(batchNo), body.counted());
    }

    @PostMapping(path = "/batches/{batchNo}/sign-off", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The production lead's sign-off (PER-11; 403 for anyone not lead of the maker)")
    Batch signOff(@PathVariable String batchNo, @RequestBody SignOffRequest body) {
        return floor.signOff(floor.taskAt(batchNo, FloorService.SIGN_OFF_TASK), body.comment());
    }

    @PostMapping(path = "/batches/{batchNo}/sealing", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Box and seal the good cards (PER-11): cards per box and one new seal number per box")
    BatchRecord seal(@PathVariable String batchNo, @RequestBody SealForm body) {
        return floor.seal(floor.taskAt(batchNo, FloorService.SEAL_TASK), body);
    }

    @PostMapping("/batches/{batchNo}/close-confirmations")
    @Operation(summary = "Confirm the close of the run (PER-06), two different people")
    Batch confirmClose(@PathVariable String batchNo) {
        return floor.confirmClose(floor.taskAt(batchNo, FloorService.CLOSE_TASK));
    }

    @PostMapping(path = "/batches/{batchNo}/card-errors", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An error record for a card that cannot be made from the data as sent (PER-04)")
    ResponseEntity<Void> cardError(@PathVariable String batchNo, @RequestBody CardErrorRequest body) {
        floor.reportCardError(batchNo, body.caseId(), body.field(), body.reason());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/batches/{batchNo}/handover-form", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The hand-over form (交接单) PDF")
    ResponseEntity<byte[]> handoverForm(@PathVariable String batchNo) {
        return pdf(documents.handoverForm(batchNo));
    }

    @GetMapping(path = "/batches/{batchNo}/destruction-record", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The destruction record (销毁记录单) PDF with both signatures")
    ResponseEntity<byte[]> destructionRecord(@PathVariable String batchNo) {
        return pdf(documents.destructionRecord(batchNo));
    }

    @GetMapping(path = "/batches/{batchNo}/packing-list", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The packing list PDF with box and seal numbers")
    ResponseEntity<byte[]> packingList(@PathVariable String batchNo) {
        return pdf(documents.packingList(batchNo));
    }

    @PostMapping(path = "/movements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A warehouse movement by hand (PER-09; 409 RECONCILIATION_OPEN while a mismatch is unexplained)")
    Movement move(@RequestBody MovementRequest body) {
        return stock.recordMovement(body.stock(), body.direction(), body.quantity(), body.note());
    }

    @GetMapping("/movements")
    @Operation(summary = "The caller's maker's movements of a day (today by default)")
    List<Movement> movements(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             LocalDate day) {
        return stock.movements(day == null ? LocalDate.now(cn.healthcard.common.ChinaTime.ZONE) : day);
    }

    @PostMapping(path = "/reconciliations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The daily reconciliation against the physical counts (PER-09)")
    Reconciliation reconcile(@RequestBody ReconcileRequest body) {
        return stock.reconcile(body.day(), body.physical());
    }

    @GetMapping("/reconciliations")
    @Operation(summary = "The caller's maker's reconciliations, newest first")
    List<Reconciliation> reconciliations() {
        return stock.reconciliations();
    }

    @PostMapping(path = "/reconciliations/{id}/explanation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Explain a mismatch (the first person)")
    Reconciliation explain(@PathVariable String id, @RequestBody ExplanationRequest body) {
        return stock.explain(id, body.explanation());
    }

    @PostMapping("/reconciliations/{id}/confirmation")
    @Operation(summary = "Confirm the explanation (a second person; 403 for the one who explained)")
    Reconciliation confirm(@PathVariable String id) {
        return stock.confirmExplanation(id);
    }

    @GetMapping(path = "/reconciliations/{id}/sheet", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The daily reconciliation sheet PDF")
    ResponseEntity<byte[]> sheet(@PathVariable String id) {
        return pdf(documents.reconciliationSheet(id));
    }

    @PostMapping(path = "/log", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A shift hand-over in the production log (PER-10)")
    LogEntry logShift(@RequestBody ShiftRequest body) {
        return stock.logShift(body.shift(), body.handedTo(), body.workState());
    }

    @GetMapping("/log")
    @Operation(summary = "The caller's maker's production log, newest first")
    List<LogEntry> log() {
        return stock.logEntries(200);
    }

    @GetMapping("/boxes")
    @Operation(summary = "The sealed boxes in the caller's maker's store (PER-12)")
    List<Box> boxes() {
        return store.boxes();
    }

    @GetMapping("/box-incidents")
    @Operation(summary = "Damaged or opened boxes and their handling")
    List<BoxIncident> incidents() {
        return store.incidents();
    }

    @PostMapping(path = "/box-incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report a damaged or opened box: it is held")
    BoxIncident report(@RequestBody IncidentRequest body) {
        return store.report(body.boxNo(), body.kind(), body.note());
    }

    @PostMapping(path = "/box-incidents/{id}/repack", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recount and repack the held box under a new seal")
    BoxIncident repack(@PathVariable String id, @RequestBody RepackRequest body) {
        return store.repack(id, body.recounted(), body.newSealNo(), body.missingCardNos());
    }

    @PostMapping(path = "/box-incidents/{id}/registration", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register the investigation's findings (another person); the box is back in the store")
    BoxIncident register(@PathVariable String id, @RequestBody FindingsRequest body) {
        return store.register(id, body.findings());
    }

    @GetMapping("/staff")
    @Operation(summary = "A maker's floor staff and leads")
    List<FloorStaff.Member> staff(@RequestParam String makerCode) {
        return staff.staff(makerCode);
    }

    @PostMapping(path = "/staff", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Put a production operator of the maker on its staff, as lead or not (an admin or a lead of the maker)")
    FloorStaff.Member assign(@RequestBody StaffRequest body) {
        return staff.assign(body.makerCode(), body.username(), body.lead());
    }

    private static ResponseEntity<byte[]> pdf(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(body);
    }
}
