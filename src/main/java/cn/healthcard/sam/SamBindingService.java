package cn.healthcard.sam;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.ehc.TerminalState;
import cn.healthcard.ehc.TerminalView;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.ProductType;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.SamEvents.SamBindingChanged;
import cn.healthcard.sam.internal.SamBinding;
import cn.healthcard.sam.internal.SamBindingRepository;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCardRepository;
import cn.healthcard.sam.internal.SamCaseRepository;
import cn.healthcard.sam.internal.SamTerminalBlocks;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binding a SAM card to an institution's terminal (SAM-02): a registration centre's clerk binds a SAM at a place in her
 * region to an institution in her region, a terminal type and a terminal number. The terminal must be registered
 * ({@code ehc}), active, of that institution and of a model whose filing is in force. One binding per SAM and per
 * terminal; a frozen or cancelled SAM, or one with an open freeze case, is not bound. Unbinding and rebinding are
 * recorded and audited. Each change names the version of the card the clerk saw (409 {@code STALE_VERSION}).
 */
@Service
public class SamBindingService {

    private static final Pattern TERMINAL_NO = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    static final int REASON_MAX = 200;

    private final SamAccess access;
    private final SamCardRepository cards;
    private final SamBindingRepository bindings;
    private final SamCaseRepository cases;
    private final InstitutionService institutions;
    private final TerminalService terminals;
    private final FiledProducts filedProducts;
    private final SamTerminalBlocks blocks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamBindingService(SamAccess access, SamCardRepository cards, SamBindingRepository bindings,
                      SamCaseRepository cases, InstitutionService institutions, TerminalService terminals,
                      FiledProducts filedProducts, SamTerminalBlocks blocks, ApplicationEventPublisher events,
                      Clock clock) {
        this.access = access;
        this.cards = cards;
        this.bindings = bindings;
        this.cases = cases;
        this.institutions = institutions;
        this.terminals = terminals;
        this.filedProducts = filedProducts;
        this.blocks = blocks;
        this.events = events;
        this.clock = clock;
    }

    /** Where to bind a SAM: the institution, the terminal type and the terminal number (its ehc terminal id). */
    public record Binding(String institutionCode, TerminalType terminalType, String terminalNo) {
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCardView bind(String samNo, Binding binding, Long expectedVersion) {
        SamCard card = access.visible(samNo);
        access.requireCentre("绑定、解绑或改绑SAM卡");
        SamAccess.requireVersion(card, expectedVersion);
        requireBindable(card);
        if (card.bound()) {
            throw new ConflictException("SAM_BOUND", "SAM卡 " + card.samNo() + " 已绑定终端 " + card.terminalNo()
                    + "，请先解绑或改绑");
        }
        return apply(card, "BIND", binding, null);
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCardView rebind(String samNo, Binding binding, String reason, Long expectedVersion) {
        SamCard card = access.visible(samNo);
        access.requireCentre("绑定、解绑或改绑SAM卡");
        SamAccess.requireVersion(card, expectedVersion);
        String why = reason(reason);
        requireBindable(card);
        if (!card.bound()) {
            throw new ConflictException("SAM_NOT_BOUND", "SAM卡 " + card.samNo() + " 未绑定，请直接绑定");
        }
        return apply(card, "REBIND", binding, why);
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public SamCardView unbind(String samNo, String reason, Long expectedVersion) {
        SamCard card = access.visible(samNo);
        access.requireCentre("绑定、解绑或改绑SAM卡");
        SamAccess.requireVersion(card, expectedVersion);
        String why = reason(reason);
        if (!card.bound()) {
            throw new ConflictException("SAM_NOT_BOUND", "SAM卡 " + card.samNo() + " 未绑定");
        }
        if (card.state() == SamState.FROZEN) {
            // unbinding would free the terminal of a frozen SAM without the second person an unfreeze needs
            throw new ConflictException("SAM_FROZEN", "SAM卡 " + card.samNo() + " 已冻结，不能解绑，请先解冻或申请注销");
        }
        requireNoOpenCase(card);
        CurrentUser user = SecurityContextUsers.require();
        Instant now = clock.instant();
        bindings.save(new SamBinding(card.samNo(), "UNBIND", card.institutionCode(), card.placeRegion(),
                card.terminalType(), card.terminalNo(), why, user.username(), now));
        events.publishEvent(new SamBindingChanged(card.samNo(), "UNBIND", card.institutionCode(),
                card.terminalType().name(), card.terminalNo(), card.placeRegion()));
        card.unbind(user.username(), now);
        flush(card);
        blocks.reloadAfterCommit();
        return card.toView();
    }

    private SamCardView apply(SamCard card, String action, Binding binding, String reason) {
        Institution institution = checkBinding(binding);
        String terminalNo = binding.terminalNo().strip();
        cards.findByTerminalNo(terminalNo).filter(other -> !other.samNo().equals(card.samNo())).ifPresent(other -> {
            throw new ConflictException("TERMINAL_HAS_SAM", "终端 " + terminalNo + " 已绑定SAM卡 " + other.samNo());
        });
        CurrentUser user = SecurityContextUsers.require();
        Instant now = clock.instant();
        cards.clearCancelledBlock(terminalNo); // the terminal now has a SAM: an old cancelled SAM no longer blocks it
        card.bind(institution.code(), binding.terminalType(), terminalNo, user.username(), now);
        bindings.save(new SamBinding(card.samNo(), action, institution.code(), institution.region().value(),
                binding.terminalType(), terminalNo, reason, user.username(), now));
        events.publishEvent(new SamBindingChanged(card.samNo(), action, institution.code(),
                binding.terminalType().name(), terminalNo, card.placeRegion()));
        flush(card);
        blocks.reloadAfterCommit();
        return card.toView();
    }

    private void flush(SamCard card) {
        try {
            cards.saveAndFlush(card);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException(SamAccess.STALE, "SAM卡 " + card.samNo() + " 已被他人修改，请刷新后重试");
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("TERMINAL_HAS_SAM", "该终端已绑定其他SAM卡");
        }
    }

    /** 400 naming the field for a bad institution, terminal type or number; 409 for a terminal not usable. */
    private Institution checkBinding(Binding binding) {
        List<FieldViolation> v = new ArrayList<>();
        if (binding == null) {
            throw new DomainValidationException("institutionCode", "请填写「绑定机构」");
        }
        if (binding.terminalType() == null) {
            v.add(new FieldViolation("terminalType", "请选择「终端类型」"));
        }
        if (binding.terminalNo() == null || !TERMINAL_NO.matcher(binding.terminalNo().strip()).matches()) {
            v.add(new FieldViolation("terminalNo", "「终端编号」应为1–64位字母、数字、点、下划线或连字符"));
        }
        Institution institution = null;
        CurrentUser user = SecurityContextUsers.require();
        if (binding.institutionCode() == null || binding.institutionCode().isBlank()
                || binding.institutionCode().length() > 32) {
            v.add(new FieldViolation("institutionCode", "请填写「绑定机构」"));
        } else {
            try {
                institution = institutions.get(binding.institutionCode().strip());
                if (!user.canSee(institution.region().value())) {
                    v.add(new FieldViolation("institutionCode", "「绑定机构」不在您的管辖范围内"));
                } else if (institution.kind() == InstitutionKind.CARD_MAKER) {
                    v.add(new FieldViolation("institutionCode", "制卡机构不能绑定SAM卡"));
                }
            } catch (NotFoundException e) {
                v.add(new FieldViolation("institutionCode", "「绑定机构」未登记"));
            }
        }
        TerminalView terminal = null;
        if (v.isEmpty()) {
            terminal = terminals.registered(binding.terminalNo().strip()).orElse(null);
            if (terminal == null) {
                v.add(new FieldViolation("terminalNo", "「终端编号」未登记"));
            } else if (!terminal.institutionCode().equals(institution.code())) {
                v.add(new FieldViolation("terminalNo", "「终端编号」不是「绑定机构」登记的终端"));
            }
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        institutions.requireActive(institution.code());
        if (terminal.state() != TerminalState.ACTIVE) {
            throw new ConflictException("TERMINAL_DISABLED", "终端 " + terminal.terminalId() + " 已停用");
        }
        String filingNo = terminal.terminalFilingNo();
        // the terminal's own filing (by number: two makers may file one model name) must be in force and of its model
        String model = terminal.terminalModel();
        if (filingNo == null || filingNo.isBlank()) {
            throw new ConflictException(FiledProducts.NOT_FILED, "终端 " + terminal.terminalId() + " 未登记备案号");
        }
        var filing = filedProducts.findByFilingNo(ProductType.TERMINAL, filingNo);
        if (filing.isEmpty()) {
            throw new ConflictException(FiledProducts.NOT_FILED, "终端 " + terminal.terminalId() + " 的备案号 "
                    + filingNo + " 没有有效的终端备案");
        }
        if (!filing.get().model().equalsIgnoreCase(model)) {
            throw new ConflictException(FiledProducts.NOT_FILED, "终端 " + terminal.terminalId() + " 的型号 " + model
                    + " 与备案号 " + filingNo + " 的备案型号不符");
        }
        return institution;
    }

    private void requireBindable(SamCard card) {
        if (card.shipmentNo() == null) {
            throw new ConflictException("SAM_NOT_ARRIVED", "SAM卡 " + card.samNo() + " 尚未到货签收，不能绑定");
        }
        if (card.state() == SamState.FROZEN) {
            throw new ConflictException("SAM_FROZEN", "SAM卡 " + card.samNo() + " 已冻结，不能绑定");
        }
        if (card.state() == SamState.CANCELLED) {
            throw new ConflictException("SAM_CANCELLED", "SAM卡 " + card.samNo() + " 已注销，不能绑定");
        }
        requireNoOpenCase(card);
    }

    private void requireNoOpenCase(SamCard card) {
        cases.findByOpenSamNo(card.samNo()).ifPresent(c -> {
            throw new ConflictException("SAM_CASE_OPEN", "SAM卡 " + card.samNo() + " 有办理中的业务 " + c.caseNo());
        });
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainValidationException("reason", "请填写「原因」");
        }
        if (reason.strip().length() > REASON_MAX) {
            throw new DomainValidationException("reason", "「原因」最多" + REASON_MAX + "个字符");
        }
        return reason.strip();
    }
}
