package cn.healthcard.ehc;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.EhcEvents.TerminalChanged;
import cn.healthcard.ehc.internal.Terminal;
import cn.healthcard.ehc.internal.TerminalRegistry;
import cn.healthcard.ehc.internal.TerminalRepository;
import cn.healthcard.filing.FiledProduct;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.ProductType;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reader and institution terminals (识读终端, 机构终端) that may verify e-card codes (EHC-05): registered for an
 * institution (medical institutions, service points, registration centres — not card makers) within the registering
 * person's region, in the institution's region, and disabled or enabled again. Changes are audited. A terminal names
 * its model, which must be a filed and valid terminal product (FIL-01, {@link FiledProducts}; decision 025).
 */
@Service
public class TerminalService {

    private static final Pattern TERMINAL_ID = Pattern.compile("^[A-Za-z0-9._\\-]{1,64}$");

    private final TerminalRepository terminals;
    private final TerminalRegistry registry;
    private final InstitutionService institutions;
    private final FiledProducts filedProducts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TerminalService(TerminalRepository terminals, TerminalRegistry registry, InstitutionService institutions,
                    FiledProducts filedProducts, ApplicationEventPublisher events, Clock clock) {
        this.terminals = terminals;
        this.registry = registry;
        this.institutions = institutions;
        this.filedProducts = filedProducts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers a terminal of an institution: 400 naming the field (id, institution, manufacturer, model,
     * description); 409 {@value FiledProducts#NOT_FILED} on {@code terminalModel} when that manufacturer's model
     * ({@code manufacturerCode}: its unified social credit code or id — models are unique per manufacturer only) is not
     * a filed and valid terminal product (unfiled, expired, revoked); 409 {@code TERMINAL_EXISTS}.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public TerminalView register(String terminalId, String institutionCode, String manufacturerCode,
                                 String terminalModel, String description) {
        List<FieldViolation> violations = new ArrayList<>();
        if (terminalModel == null || terminalModel.isBlank()) {
            violations.add(new FieldViolation("terminalModel", "请填写已备案的「终端型号」"));
        } else if (terminalModel.strip().length() > 64) {
            violations.add(new FieldViolation("terminalModel", "「终端型号」最多64个字符"));
        }
        if (terminalId == null || !TERMINAL_ID.matcher(terminalId.trim()).matches()) {
            violations.add(new FieldViolation("terminalId", "「终端编号」应为1–64位字母、数字、点、下划线或连字符"));
        }
        if (description != null && description.trim().length() > 200) {
            violations.add(new FieldViolation("description", "「终端说明」最多200个字符"));
        }
        Institution institution = null;
        if (institutionCode == null || institutionCode.isBlank()) {
            violations.add(new FieldViolation("institutionCode", "请填写「所属机构」"));
        } else {
            try {
                institution = institutions.get(institutionCode.trim());
                if (institution.kind() == InstitutionKind.CARD_MAKER) {
                    violations.add(new FieldViolation("institutionCode", "制卡机构不能登记识读终端"));
                } else if (!SecurityContextUsers.require().canSee(institution.region().value())) {
                    violations.add(new FieldViolation("institutionCode", "「所属机构」不在您的管辖范围内"));
                }
            } catch (NotFoundException e) {
                violations.add(new FieldViolation("institutionCode", "「所属机构」未登记: " + institutionCode.trim()));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        institutions.requireActive(institution.code()); // 409 INSTITUTION_CANCELLED: no new terminals (decision 023)
        String id = terminalId.trim();
        FiledProduct model = filedProducts.requireFiled(ProductType.TERMINAL, manufacturerCode, terminalModel,
                "manufacturerCode", "terminalModel");
        if (terminals.existsById(id)) {
            throw new ConflictException("TERMINAL_EXISTS", "终端 " + id + " 已登记");
        }
        Terminal terminal = terminals.saveAndFlush(new Terminal(id, institution.code(), institution.region().value(),
                description == null || description.isBlank() ? null : description.trim(), model.model(),
                model.filingNo(), model.manufacturerName(), clock.instant(), SecurityContextUsers.actor()));
        events.publishEvent(new TerminalChanged(id, terminal.regionCode(), terminal.institutionCode(),
                terminal.state(), "登记终端"));
        evictAfterCommit(id);
        return terminal.toView();
    }

    /** Disables a terminal (its verifications are refused from now on) or enables it again. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public TerminalView changeState(String terminalId, TerminalState state) {
        if (state == null) {
            throw new DomainValidationException("state", "「终端状态」应为 ACTIVE 或 DISABLED");
        }
        CurrentUser user = SecurityContextUsers.require();
        Terminal terminal = terminals.findById(terminalId == null ? "" : terminalId.trim())
                .filter(t -> user.canSee(t.regionCode()))
                .orElseThrow(() -> new NotFoundException("终端不存在: " + terminalId));
        if (terminal.state() != state) {
            terminal.changeState(state, clock.instant());
            events.publishEvent(new TerminalChanged(terminal.terminalId(), terminal.regionCode(),
                    terminal.institutionCode(), state, state == TerminalState.ACTIVE ? "启用终端" : "停用终端"));
        }
        evictAfterCommit(terminal.terminalId());
        return terminal.toView();
    }

    /** The terminals within the caller's region, by institution and id. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public List<TerminalView> list() {
        CurrentUser user = SecurityContextUsers.require();
        return terminals.findAll().stream().filter(t -> user.canSee(t.regionCode())).map(Terminal::toView)
                .sorted(Comparator.comparing(TerminalView::institutionCode).thenComparing(TerminalView::terminalId))
                .toList();
    }

    /** A registered, active terminal as the app gateway vouches for it: its institution and region. */
    public record ActiveTerminal(String terminalId, String institutionCode, String regionCode) {
    }

    /**
     * The terminal {@code terminalId} if it is registered, active and of the institution {@code institutionCode}, as
     * the verification path sees it (cached, decision 013). For the app gateway (decision 015), which asks after it
     * checked the app's signed request and before it runs as the app: no role is required, and only what a
     * verification's identity needs is answered.
     */
    public Optional<ActiveTerminal> active(String terminalId, String institutionCode) {
        if (terminalId == null || institutionCode == null) {
            return Optional.empty();
        }
        return registry.find(terminalId)
                .filter(t -> t.state() == TerminalState.ACTIVE && t.institutionCode().equals(institutionCode))
                .map(t -> new ActiveTerminal(t.terminalId(), t.institutionCode(), t.regionCode()));
    }

    /**
     * The registered terminal {@code terminalId} in any state, for a module that binds something to it (SAM cards,
     * decision 030): no role is required; the caller applies its own region rules.
     */
    @Transactional(readOnly = true)
    public Optional<TerminalView> registered(String terminalId) {
        return terminalId == null ? Optional.empty() : terminals.findById(terminalId.trim()).map(Terminal::toView);
    }

    private void evictAfterCommit(String terminalId) {
        registry.evict(terminalId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    registry.evict(terminalId);
                }
            });
        }
    }
}
