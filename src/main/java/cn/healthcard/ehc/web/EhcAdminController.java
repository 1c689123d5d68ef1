package cn.healthcard.ehc.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.ehc.BulkRunView;
import cn.healthcard.ehc.EhcBulkService;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.TerminalState;
import cn.healthcard.ehc.TerminalView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Locale;

/** Reader terminals (EHC-05) and the bulk job that opens e-cards for existing card holders (EHC-03). */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-admin", description = "识读终端登记与电子健康卡批量生成 / terminals and the bulk job")
@SecurityRequirement(name = "basic")
class EhcAdminController {

    private final TerminalService terminals;
    private final EhcBulkService bulk;

    EhcAdminController(TerminalService terminals, EhcBulkService bulk) {
        this.terminals = terminals;
        this.bulk = bulk;
    }

    @PostMapping(path = "/terminals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a terminal of an institution", description = "201; 400 names each bad field "
            + "(unknown institution, a card maker, outside your region, no manufacturer, no terminal model); 409 "
            + "PRODUCT_NOT_FILED on terminalModel when the manufacturer's model (manufacturerCode: its unified social "
            + "credit code) is not a filed and valid terminal product; 409 TERMINAL_EXISTS. Roles ADMIN, SUPERVISOR.")
    ResponseEntity<TerminalView> register(@RequestBody TerminalRequest body) {
        TerminalView view = terminals.register(body.terminalId(), body.institutionCode(), body.manufacturerCode(),
                body.terminalModel(), body.description());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(view.terminalId()).toUri()).body(view);
    }

    @GetMapping("/terminals")
    @Operation(summary = "Terminals within your region")
    List<TerminalView> list() {
        return terminals.list();
    }

    @PostMapping(path = "/terminals/{terminalId}/state", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Disable or enable a terminal", description = "state ACTIVE or DISABLED.")
    TerminalView state(@PathVariable String terminalId, @RequestBody StateRequest body) {
        TerminalState state;
        try {
            state = TerminalState.valueOf(body.state() == null ? "" : body.state().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("state", "「终端状态」应为 ACTIVE 或 DISABLED");
        }
        return terminals.changeState(terminalId, state);
    }

    @PostMapping("/bulk-runs")
    @Operation(summary = "Start (or continue) the bulk job", description = "Opens e-cards for every holder of an "
            + "issued card who has none, marked origin BULK; idempotent; continues an unfinished run after its last "
            + "page. 202 with the run. Role ADMIN.")
    ResponseEntity<BulkRunView> startBulk() {
        BulkRunView run = bulk.start();
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(run.id()).toUri()).body(run);
    }

    @GetMapping("/bulk-runs/{id}")
    @Operation(summary = "A run of the bulk job: state, cursor, counts")
    BulkRunView bulkRun(@PathVariable long id) {
        return bulk.get(id);
    }

    @GetMapping("/bulk-runs")
    @Operation(summary = "The latest runs of the bulk job")
    List<BulkRunView> bulkRuns() {
        return bulk.recent();
    }

    /**
     * A terminal to register; {@code manufacturerCode} (unified social credit code or id) and {@code terminalModel}
     * name a filed terminal product (FIL-01).
     */
    record TerminalRequest(String terminalId, String institutionCode, String manufacturerCode, String terminalModel,
                           String description) {
    }

    record StateRequest(String state) {
    }
}
