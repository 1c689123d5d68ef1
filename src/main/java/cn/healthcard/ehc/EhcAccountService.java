package cn.healthcard.ehc;

import cn.healthcard.card.BlacklistService;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardView;
import cn.healthcard.common.IdNumber;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.EhcIdAlgorithm.EhcId;
import cn.healthcard.crypto.EhcKeysMissingException;
import cn.healthcard.ehc.EhcEvents.EhcAccountOpened;
import cn.healthcard.ehc.EhcEvents.EhcQrPrinted;
import cn.healthcard.ehc.MasterIndexes.KeyedDocument;
import cn.healthcard.ehc.RegistrationRules.Checked;
import cn.healthcard.ehc.RegistrationRules.CheckedDocument;
import cn.healthcard.ehc.internal.EhcAccount;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.ehc.internal.MasterIndex;
import cn.healthcard.ehc.internal.QrImages;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.report.EhcQrPrint;
import cn.healthcard.report.ReportService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.resident.ResidentSummary;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * E-card accounts (电子健康卡, EHC-02 … EHC-04): registration by apps and institution terminals, opening for a card
 * holder at the desk, the e-card ID from the crypto device with the province's application-data-read key of the key
 * hierarchy (the key never leaves the device; the account records which version made its ID), static and dynamic QR
 * codes as text, PNG and a printable PDF. One account per master index; personal data only masked. A province without
 * e-card keys gets {@code 409 EHC_KEYS_MISSING} (decision 017).
 */
@Service
public class EhcAccountService {

    private static final Pattern EHC_ID = Pattern.compile("(?:[0-9A-F]{32}){1,5}");

    private final EhcAccountRepository accounts;
    private final MasterIndexes masterIndexes;
    private final ResidentService residents;
    private final CardService cards;
    private final BlacklistService blacklist;
    private final EhcIdAlgorithm ehcIds;
    private final ReportService reports;
    private final InstitutionService institutions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration dynamicLifetime;

    EhcAccountService(EhcAccountRepository accounts, MasterIndexes masterIndexes, ResidentService residents,
                      CardService cards, BlacklistService blacklist, EhcIdAlgorithm ehcIds, ReportService reports,
                      InstitutionService institutions, ApplicationEventPublisher events, Clock clock,
                      @Value("${healthcard.ehc.dynamic-qr-lifetime:PT5M}") Duration dynamicLifetime) {
        this.accounts = accounts;
        this.masterIndexes = masterIndexes;
        this.residents = residents;
        this.cards = cards;
        this.blacklist = blacklist;
        this.ehcIds = ehcIds;
        this.reports = reports;
        this.institutions = institutions;
        this.events = events;
        this.clock = clock;
        if (dynamicLifetime.isNegative() || dynamicLifetime.isZero() || dynamicLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("healthcard.ehc.dynamic-qr-lifetime must be positive and at most a day, "
                    + "not " + dynamicLifetime);
        }
        this.dynamicLifetime = dynamicLifetime;
    }

    /** The lifetime of a dynamic QR code ({@code healthcard.ehc.dynamic-qr-lifetime}). */
    public Duration dynamicLifetime() {
        return dynamicLifetime;
    }

    /**
     * Registers an e-card account (虚拟化账户注册, EHC-03) for the person with the document: the person's master index is
     * found by the document (or by {@code sameAs}, which the new document then joins — EHC-01) or created; the
     * account, if the master index has none yet, gets the e-card ID of this document (EHC-02) and follows the person's
     * physical card, if any. Registering again answers the existing account ({@code created == false}).
     * <p>
     * Who the caller may register (ORG-05, issue #10): every record the registration touches — the resident record and
     * master index of the document and of {@code sameAs} — must lie within the caller's region, and the name must be
     * the person's (the resident's keyed name index, else the account's); {@code sameAs} must name a known person. A
     * person the system does not know yet is registered in the caller's region (a national caller: the address code
     * of a 居民身份证). Wrong name, unknown {@code sameAs} person and another region answer the same {@code 404},
     * before anything else is looked at or written (not even the blacklist).
     *
     * @throws DomainValidationException naming each bad field
     * @throws NotFoundException         {@link #PERSON_NOT_FOUND}: wrong name, unknown {@code sameAs} person, or a
     *                                   person outside the caller's region — one answer for all
     * @throws ConflictException         {@code BLACKLISTED}; {@code DOCUMENT_OF_ANOTHER_PERSON} when the two documents
     *                                   belong to different master indexes; {@code EHC_KEYS_MISSING} when the
     *                                   region's province has no e-card key on the crypto device
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','APP')")
    public EhcRegistrationResult register(EhcRegistration registration) {
        Checked r = RegistrationRules.registration(registration, clock);
        CurrentUser user = SecurityContextUsers.require();
        KeyedDocument document = keyed(r.document());
        KeyedDocument sameAs = r.sameAs() == null ? null : keyed(r.sameAs());
        // the person's records, if any: of this document, and of the other document named as the same person's
        Optional<String> ownResident = residents.findByDocument(r.document().type(), r.document().number());
        Optional<String> sameAsResident = sameAs == null ? Optional.empty()
                : residents.findByDocument(r.sameAs().type(), r.sameAs().number());
        Optional<String> known = masterIndexes.ofDocument(document.index());
        Optional<String> sameAsKnown = sameAs == null ? Optional.empty() : masterIndexes.ofDocument(sameAs.index());
        if (sameAs != null && sameAsResident.isEmpty() && sameAsKnown.isEmpty()) {
            throw personNotFound(); // "the same person as" someone nobody registered
        }
        for (String id : present(ownResident, sameAsResident)) {
            if (!user.canSee(residents.summary(id).regionCode()) || !residents.nameMatches(id, r.name())) {
                throw personNotFound();
            }
        }
        for (String id : present(known, sameAsKnown)) {
            if (!user.canSee(masterIndexes.get(id).orElseThrow().regionCode())
                    || accounts.findByMasterIndexId(id).filter(a -> !user.canSee(a.regionCode())
                    || !nameMatches(a, r.name())).isPresent()) {
                throw personNotFound();
            }
        }
        refuseBlacklisted(document.index());
        if (sameAs != null) {
            refuseBlacklisted(sameAs.index());
        }
        Optional<String> residentId = ownResident.or(() -> sameAsResident);
        Optional<ResidentSummary> resident = residentId.map(residents::summary);
        String region = resident.map(ResidentSummary::regionCode)
                .or(() -> known.or(() -> sameAsKnown).flatMap(masterIndexes::get).map(MasterIndex::regionCode))
                .orElseGet(() -> regionOf(r.document(), user));

        String masterIndexId;
        if (sameAs != null) {
            masterIndexId = known.or(() -> sameAsKnown)
                    .orElseGet(() -> masterIndexes.ensure(sameAs, region, residentId.orElse(null)));
            masterIndexes.link(masterIndexId, sameAs, region, user.username());
            masterIndexes.link(masterIndexId, document, region, user.username());
        } else {
            masterIndexId = masterIndexes.ensure(document, region, residentId.orElse(null));
        }
        residentId.ifPresent(id -> linkCards(masterIndexId, id));

        Optional<EhcAccount> existing = accounts.findByMasterIndexId(masterIndexId);
        if (existing.isPresent()) {
            return new EhcRegistrationResult(existing.get().toView(), false);
        }
        // the e-card ID and the shown document are the registering document's; name, sex and birth the resident's;
        // without a resident record the account keeps the keyed index of the full name (compared later, not the mask)
        EhcId ehcId = ehcId(region, masterIndexId, r.document());
        EhcAccount.Holder holder = new EhcAccount.Holder(document.index(), r.document().type(), document.masked(),
                resident.map(ResidentSummary::nameMasked).orElse(Masking.name(r.name())),
                resident.map(ResidentSummary::sex).orElse(r.sex()),
                resident.map(s -> s.birthDate().getYear()).orElse(r.birthDate().getYear()), residentId.orElse(null),
                resident.isPresent() ? null : residents.nameIndex(r.name()));
        Optional<CardView> card = residentId.flatMap(this::currentCard);
        EhcAccount account = open(ehcId, masterIndexId, holder, card, new EhcAccount.Opening(EhcOrigin.REGISTERED,
                registration.channel(), r.clientId(), null, region, user.institutionCode(), user.username(),
                clock.instant()));
        return new EhcRegistrationResult(account.toView(), true);
    }

    /**
     * The one answer of a registration for a wrong name, an unknown person named as the same, and a person outside the
     * caller's region (no oracle: the same status and body).
     */
    static final String PERSON_NOT_FOUND = "没有与该证件和姓名相符、且在您管辖范围内的居民";

    private static NotFoundException personNotFound() {
        return new NotFoundException(PERSON_NOT_FOUND);
    }

    @SafeVarargs
    private static List<String> present(Optional<String>... values) {
        return Arrays.stream(values).flatMap(Optional::stream).distinct().toList();
    }

    /**
     * Whether the full name is the account holder's: by the resident's keyed name index, else by the account's own
     * (people without a resident record, since V12); accounts opened before V12 without a resident record keep only
     * the masked name, which is all that can be compared for them.
     */
    boolean nameMatches(EhcAccount account, String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        if (account.residentId() != null) {
            return residents.nameMatches(account.residentId(), name.trim());
        }
        if (account.nameIndex() != null) {
            return MessageDigest.isEqual(account.nameIndex().getBytes(StandardCharsets.US_ASCII),
                    residents.nameIndex(name.trim()).getBytes(StandardCharsets.US_ASCII));
        }
        return account.nameMasked().equals(Masking.name(name.trim()));
    }

    /**
     * Opens the e-card of a card's holder at the desk (EHC-03): the same account the bulk job would open. Answers the
     * existing account when the holder has one.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public EhcRegistrationResult openForCard(String cardNo) {
        CardView card = cards.find(cardNo == null ? "" : cardNo.trim())
                .orElseThrow(() -> new DomainValidationException("cardNo", "「健康卡卡号」不存在或不在您的管辖范围内"));
        if (card.status().terminal() || card.status() == CardStatus.READY) {
            throw new ConflictException("CARD_NOT_HELD", "卡片 " + card.cardNo() + " 当前状态为「"
                    + card.status().nameZh() + "」，不能据此开通电子健康卡");
        }
        CurrentUser user = SecurityContextUsers.require();
        refuseBlacklisted(residents.documentIndexOf(card.residentId()));
        return openForHolder(card, EhcOrigin.DESK, EhcChannel.DESK, null, user.institutionCode())
                .orElseThrow(() -> new ConflictException("DOCUMENT_NOT_ENCODABLE", "持卡人的证件号码含有全角或其他"
                        + "非 ASCII 字符，不能生成电子健康卡ID；请先更正证件号码"));
    }

    /**
     * The holder's account, opened if the holder's master index has none (the bulk job and the desk); empty when the
     * holder is blacklisted or the document number cannot make an e-card ID (not printable ASCII). Runs in the caller's
     * transaction and identity (the system for the bulk job); throws nothing for a single holder's data, so a page of
     * the bulk job is not rolled back by one person — but {@code EHC_KEYS_MISSING} when the holder's province has no
     * e-card key (the bulk run fails and continues from that page once the key exists).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<EhcRegistrationResult> openForHolder(CardView card, EhcOrigin origin, EhcChannel channel, Long bulkRunId,
                                                  String institutionCode) {
        String documentIndex = residents.documentIndexOf(card.residentId());
        if (blacklist.reasonListed(documentIndex).isPresent()) {
            return Optional.empty();
        }
        ResidentSummary holder = residents.summary(card.residentId());
        if (origin == EhcOrigin.BULK && !ehcIds.keysReady(holder.regionCode())) {
            // a province whose e-card keys are not on the device yet: skipped (a later run takes it), so one province
            // does not stop the national run
            return Optional.empty();
        }
        String masterIndexId = masterIndexes.ensure(new KeyedDocument(documentIndex, holder.documentType(),
                holder.documentNumberMasked()), holder.regionCode(), holder.id());
        linkCards(masterIndexId, holder.id());
        Optional<EhcAccount> existing = accounts.findByMasterIndexId(masterIndexId);
        if (existing.isPresent()) {
            return Optional.of(new EhcRegistrationResult(existing.get().toView(), false));
        }
        Optional<EhcId> computed = withEhcKeys(() -> residents.ehcId(holder.id(), masterIndexId));
        if (computed.isEmpty()) {
            return Optional.empty();
        }
        EhcId ehcId = computed.get();
        Optional<CardView> current = currentCard(holder.id());
        EhcAccount account = open(ehcId, masterIndexId, new EhcAccount.Holder(documentIndex, holder.documentType(),
                        holder.documentNumberMasked(), holder.nameMasked(), holder.sex(), holder.birthDate().getYear(),
                        holder.id()), current.isPresent() ? current : Optional.of(card),
                new EhcAccount.Opening(origin, channel, null, bulkRunId, holder.regionCode(), institutionCode,
                        SecurityContextUsers.actor(), clock.instant()));
        return Optional.of(new EhcRegistrationResult(account.toView(), true));
    }

    private EhcAccount open(EhcId ehcId, String masterIndexId, EhcAccount.Holder holder, Optional<CardView> card,
                            EhcAccount.Opening opening) {
        if (accounts.existsById(ehcId.value())) { // same master index and document give the same ID; cannot happen otherwise
            throw new ConflictException("CONCURRENT_REGISTRATION", "该电子健康卡正在另一处同时开通，请稍后重试");
        }
        EhcStatus status = card.map(c -> c.status() == CardStatus.REPORTED_LOST ? EhcStatus.FROZEN : EhcStatus.ACTIVE)
                .orElse(EhcStatus.ACTIVE);
        EhcAccount account;
        try {
            account = accounts.saveAndFlush(new EhcAccount(ehcId, masterIndexId, holder,
                    card.map(CardView::cardNo).orElse(null), status, opening));
        } catch (DataIntegrityViolationException e) { // the same person's account opened at the same moment
            throw new ConflictException("CONCURRENT_REGISTRATION", "该电子健康卡正在另一处同时开通，请稍后重试");
        }
        events.publishEvent(new EhcAccountOpened(masterIndexId, ehcId.value(), opening.regionCode(), opening.origin(),
                opening.channel(), opening.clientId(), account.cardNo(), holder.residentId()));
        return account;
    }

    /** The account with this e-card ID, within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public Optional<EhcAccountView> find(String ehcId) {
        if (ehcId == null) {
            return Optional.empty();
        }
        return accounts.findById(ehcId.trim().toUpperCase()).filter(this::visible).map(EhcAccount::toView);
    }

    /** The e-card of a physical card's holder (the card within the caller's region). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public Optional<EhcAccountView> findByCard(String cardNo) {
        if (cardNo == null || cardNo.isBlank()) {
            return Optional.empty();
        }
        return cards.find(cardNo.trim()).flatMap(card -> masterIndexes.ofCard(card.cardNo())
                        .or(() -> masterIndexes.ofDocument(residents.documentIndexOf(card.residentId()))))
                .flatMap(accounts::findByMasterIndexId).filter(this::visible).map(EhcAccount::toView);
    }

    /** The e-card of the person with this document (any document linked to the master index). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','APP')")
    public Optional<EhcAccountView> findByDocument(DocumentRef document) {
        List<FieldViolation> violations = new java.util.ArrayList<>();
        CheckedDocument checked = RegistrationRules.document(document, "document", violations);
        if (checked == null) {
            throw new DomainValidationException(violations);
        }
        return masterIndexes.ofDocument(residents.documentIndex(checked.type(), checked.number()))
                .flatMap(accounts::findByMasterIndexId).filter(this::visible).map(EhcAccount::toView);
    }

    /** The static code {@code <ehcId>:1} of an active e-card (EHC-04). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','APP')")
    public QrCode staticQr(String ehcId) {
        return new QrCode(usable(ehcId).ehcId() + ":1", QrCode.Type.STATIC, null);
    }

    /**
     * A dynamic code {@code <ehcId>:0:<validity>} of an active e-card (EHC-04), valid for
     * {@code healthcard.ehc.dynamic-qr-lifetime} from now (to the second): the expiry encrypted inside the crypto device
     * under the e-card's own protection key, derived from its province's internal-authentication key and its master
     * index.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','APP')")
    public QrCode dynamicQr(String ehcId) {
        EhcAccount account = usable(ehcId);
        Instant expiry = clock.instant().plus(dynamicLifetime).truncatedTo(ChronoUnit.SECONDS);
        String validity = withEhcKeys(() -> ehcIds.encryptValidity(account.regionCode(), account.masterIndexId(),
                LocalDateTime.ofInstant(expiry, ChinaTime.ZONE)));
        return new QrCode(account.ehcId() + ":0:" + validity, QrCode.Type.DYNAMIC, expiry);
    }

    /** The QR code image of a code's text, PNG (zxing). */
    public byte[] png(QrCode code) {
        return QrImages.png(code.text(), QrImages.SIZE);
    }

    /** The printable page of the static code (PDF from {@code reports/ehc-qr-card.html}); audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public byte[] printStaticQr(String ehcId) {
        EhcAccount account = usable(ehcId);
        QrCode code = new QrCode(account.ehcId() + ":1", QrCode.Type.STATIC, null);
        CurrentUser user = SecurityContextUsers.require();
        String institution = user.institutionCode() == null ? "—" : institutions.get(user.institutionCode()).name();
        byte[] pdf = reports.ehcQrCard(new EhcQrPrint(account.ehcId(), png(code), account.nameMasked(),
                CodeTables.documentTypes().name(account.documentType()).orElse(account.documentType()),
                account.documentNumberMasked(), account.status().nameZh(), institution, user.displayName()));
        events.publishEvent(new EhcQrPrinted(account.masterIndexId(), account.regionCode(), account.residentId()));
        return pdf;
    }

    /** An account of the caller's region that may show a code; specific refusals otherwise. */
    private EhcAccount usable(String ehcId) {
        String id = ehcId == null ? "" : ehcId.trim().toUpperCase();
        // the answer does not repeat the e-card ID (it would end up in logs of problem details)
        if (!EHC_ID.matcher(id).matches()) {
            throw new NotFoundException("电子健康卡不存在或不在您的管辖范围内");
        }
        EhcAccount account = accounts.findById(id).filter(this::visible)
                .orElseThrow(() -> new NotFoundException("电子健康卡不存在或不在您的管辖范围内"));
        switch (account.status()) {
            case FROZEN -> throw new ConflictException("EHC_FROZEN", "实体卡已挂失，电子健康卡已冻结，不能出示二维码");
            case REVOKED -> throw new ConflictException("EHC_REVOKED", "电子健康卡已注销，不能出示二维码");
            default -> {
            }
        }
        return account;
    }

    private boolean visible(EhcAccount account) {
        return SecurityContextUsers.current().map(u -> u.canSee(account.regionCode())).orElse(false);
    }

    private KeyedDocument keyed(CheckedDocument d) {
        return new KeyedDocument(residents.documentIndex(d.type(), d.number()), d.type(),
                Masking.documentNumber(d.number()));
    }

    private void refuseBlacklisted(String documentIndex) {
        blacklist.reasonListed(documentIndex).ifPresent(reason -> {
            throw new ConflictException("BLACKLISTED", "该居民在黑名单中，不能开通电子健康卡 (原因: " + reason + ")");
        });
    }

    /**
     * The region of a person without a resident record: the caller's, unless the caller is national (an app or a
     * terminal of the national platform) — then the address code of a 居民身份证, whose province's keys make the e-card
     * ID (decision 017); other documents of such callers keep the national code and are refused for want of keys.
     */
    private static String regionOf(CheckedDocument document, CurrentUser user) {
        if (user.region().level() != RegionCode.Level.NATIONAL || !"01".equals(document.type())) {
            return user.region().value();
        }
        return IdNumber.parse(document.number()).regionCode();
    }

    private EhcId ehcId(String regionCode, String masterIndexId, CheckedDocument document) {
        if (RegionCode.of(regionCode).level() == RegionCode.Level.NATIONAL) {
            throw new DomainValidationException("documentType", "「证件类型」：全国级应用或终端登记的非居民身份证证件无法确定所属省份，"
                    + "电子健康卡ID须用省级密钥生成；请由证件持有人所在省的平台登记");
        }
        try {
            return withEhcKeys(() -> ehcIds.ehcId(regionCode, masterIndexId, document.type(), document.number()));
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("documentNumber", "「证件号码」不能用于生成电子健康卡ID: " + e.getMessage());
        }
    }

    /** Runs an e-card computation; a province without e-card keys on the crypto device is a 409, not a 500. */
    private static <T> T withEhcKeys(Supplier<T> computation) {
        try {
            return computation.get();
        } catch (EhcKeysMissingException e) {
            throw new ConflictException("EHC_KEYS_MISSING", "行政区划 " + e.regionCode() + " 所在省的电子健康卡密钥（"
                    + e.label() + "）尚未在密码设备中生成或导入，暂不能生成电子健康卡ID或动态二维码；请联系密钥管理员");
        }
    }

    /** Links every card of the resident to the master index (bookkeeping: read as the system, whatever the region). */
    private void linkCards(String masterIndexId, String residentId) {
        SecurityContextUsers.runAsSystem(() -> cards.ofResident(residentId))
                .forEach(c -> masterIndexes.linkCard(masterIndexId, c.cardNo()));
    }

    /** The card the e-card follows: the resident's newest card that is not terminated. */
    private Optional<CardView> currentCard(String residentId) {
        return SecurityContextUsers.runAsSystem(() -> cards.ofResident(residentId)).stream()
                .filter(c -> !c.status().terminal())
                .max(Comparator.comparing(CardView::producedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }
}
