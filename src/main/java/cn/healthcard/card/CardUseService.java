package cn.healthcard.card;

import cn.healthcard.card.internal.Card;
import cn.healthcard.card.internal.CardRepository;
import cn.healthcard.card.internal.CardUse;
import cn.healthcard.card.internal.CardUseRepository;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Card use at terminals: refused for a card that is lost, locked, replaced, cancelled, a temporary card that expired
 * or was returned, or a card or holder on the blacklist (LC-01, LC-05, LC-06, APP-06) — each with its own reason.
 */
@Service
public class CardUseService {

    public static final Set<String> SCENARIOS = Set.of("REGISTRATION", "CONSULTATION", "EXAMINATION", "PHARMACY",
            "SETTLEMENT", "INPATIENT", "PUBLIC_HEALTH", "OTHER");

    /** A terminal's clock may run this far ahead of ours; a use reported later than that is refused. */
    static final long CLOCK_SKEW_SECONDS = 60;

    /**
     * A use is reported at the time it happens: one reported as older than this is refused. Every check here (card
     * status, blacklist, the SAM's state) is of now, and usage is counted against the SAM bound at {@code usedAt}, so
     * a backdated use could count as usage of a SAM that was frozen then (SAM-05, decision 030).
     */
    static final long MAX_AGE_SECONDS = 600;

    private final CardRepository cards;
    private final CardUseRepository uses;
    private final TemporaryCardService temporaryCards;
    private final BlacklistService blacklist;
    private final ResidentService residents;
    private final UseTerminals terminals;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final InstitutionService institutions;

    CardUseService(CardRepository cards, CardUseRepository uses, TemporaryCardService temporaryCards,
                   BlacklistService blacklist, ResidentService residents, UseTerminals terminals, Clock clock,
                   ApplicationEventPublisher events, InstitutionService institutions) {
        this.events = events;
        this.institutions = institutions;
        this.terminals = terminals;
        this.cards = cards;
        this.uses = uses;
        this.temporaryCards = temporaryCards;
        this.blacklist = blacklist;
        this.residents = residents;
        this.clock = clock;
    }

    /** A use reported by a terminal. */
    public record UseReport(String institutionCode, String terminalId, Instant usedAt, String scenario) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','ADMIN')")
    public long recordUse(String cardNo, UseReport report) {
        List<FieldViolation> violations = new ArrayList<>();
        if (report.institutionCode() == null || report.institutionCode().isBlank()) {
            violations.add(new FieldViolation("institutionCode", "请填写「使用机构」"));
        }
        if (report.terminalId() == null || report.terminalId().isBlank()) {
            violations.add(new FieldViolation("terminalId", "请填写「终端编号」"));
        }
        if (report.scenario() == null || !SCENARIOS.contains(report.scenario())) {
            violations.add(new FieldViolation("scenario", "「使用场景」应为 " + String.join("/", SCENARIOS.stream().sorted().toList())));
        }
        if (report.usedAt() != null && report.usedAt().isAfter(clock.instant().plusSeconds(CLOCK_SKEW_SECONDS))) {
            violations.add(new FieldViolation("usedAt", "「使用时间」不能晚于当前时间"));
        }
        if (report.usedAt() != null && report.usedAt().isBefore(clock.instant().minusSeconds(MAX_AGE_SECONDS))) {
            violations.add(new FieldViolation("usedAt", "「使用时间」不能早于当前时间" + MAX_AGE_SECONDS / 60
                    + "分钟以上，使用应在发生时上报"));
        }
        if (report.institutionCode() != null && report.institutionCode().length() > 32) {
            violations.add(new FieldViolation("institutionCode", "「使用机构」最多32个字符"));
        }
        if (report.terminalId() != null && report.terminalId().length() > 64) {
            violations.add(new FieldViolation("terminalId", "「终端编号」最多64个字符"));
        }
        if (violations.isEmpty()) {
            // only registered, active terminals of the named institution report uses
            String institution = terminals.activeInstitution(report.terminalId().trim()).orElse(null);
            if (institution == null) {
                violations.add(new FieldViolation("terminalId", "「终端编号」未注册或已停用"));
            } else if (!institution.equals(report.institutionCode().trim())) {
                violations.add(new FieldViolation("institutionCode", "「使用机构」与终端登记的机构不一致"));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        // a terminal whose SAM card is frozen or cancelled reports no uses (SAM-04, decision 030)
        terminals.refusal(report.terminalId().trim()).ifPresent(refusal -> {
            throw new ConflictException(refusal.code(), refusal.message());
        });
        // nor for a past moment when the SAM bound to it then was frozen or cancelled (SAM-05: usage is counted
        // against the SAM of the time of the use)
        if (report.usedAt() != null && report.usedAt().isBefore(clock.instant())) {
            terminals.refusalAt(report.terminalId().trim(), report.usedAt()).ifPresent(refusal -> {
                throw new ConflictException(refusal.code(), "usedAt", "「使用时间」所在时段终端的SAM卡处于冻结或注销状态，"
                        + "不能上报该时段的使用（" + refusal.message() + "）");
            });
        }
        boolean temporary = cardNo.startsWith("LS");
        if (temporary) {
            var card = temporaryCards.find(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
            if (!temporaryCards.validNow(cardNo)) {
                throw new ConflictException("TEMPORARY_CARD_INVALID", "RETURNED".equals(card.status())
                        ? "临时卡 " + cardNo + " 已交回，不能使用" : "临时卡 " + cardNo + " 已过有效期，不能使用");
            }
            cards.findById(card.originalCardNo())
                    .flatMap(original -> blacklist.reasonListed(residents.documentIndexOf(original.residentId())))
                    .ifPresent(reason -> {
                        throw new ConflictException("BLACKLISTED", "持卡人在黑名单中，临时卡不能使用 (原因: " + reason + ")");
                    });
        } else {
            Card card = cards.findById(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
            CardStatus status = card.status();
            if (!status.usable()) {
                throw new ConflictException("CARD_" + status.name(), switch (status) {
                    case REPORTED_LOST -> "卡片 " + cardNo + " 已挂失，挂失期间所有业务冻结";
                    case PIN_LOCKED -> "卡片 " + cardNo + " 密码已锁定，请到卡管理机构解锁";
                    case REPLACED, CANCELLED -> "卡片 " + cardNo + " 已注销，不能使用";
                    default -> "卡片 " + cardNo + " 尚未领取启用，不能使用";
                });
            }
            blacklist.reasonCardListed(cardNo).ifPresent(reason -> {
                throw new ConflictException("BLACKLISTED", "持卡人在黑名单中，卡片不能使用 (原因: " + reason + ")");
            });
        }
        Instant now = clock.instant();
        Instant usedAt = report.usedAt() == null ? now : report.usedAt();
        String institution = report.institutionCode().trim();
        // the region the use is counted in, kept as it is now (a later move of the institution keeps its history)
        String region = regionOf(institution);
        Long id = uses.save(new CardUse(cardNo, temporary, institution, report.terminalId().trim(),
                report.scenario(), usedAt, SecurityContextUsers.actor(), now, region)).id();
        events.publishEvent(new CardUsed(cardNo, institution, report.scenario(), usedAt, region));
        return id;
    }

    private String regionOf(String institution) {
        try {
            return institutions.get(institution).region().value();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
