package cn.healthcard.ehc;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.EhcEvents.VisitCardBound;
import cn.healthcard.ehc.MasterIndexes.KeyedDocument;
import cn.healthcard.ehc.RegistrationRules.CheckedDocument;
import cn.healthcard.ehc.internal.EhcAccount;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.ehc.internal.MasterIndex;
import cn.healthcard.ehc.internal.MasterIndexCard;
import cn.healthcard.ehc.internal.MasterIndexCardRepository;
import cn.healthcard.ehc.internal.MasterIndexDocumentRepository;
import cn.healthcard.ehc.internal.VisitCard;
import cn.healthcard.ehc.internal.VisitCardRepository;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The master index (主索引, EHC-01, EHC-07): one per person, linking the person's documents (keyed indexes of the
 * resident module, shown masked), physical cards, the e-card and hospital visit cards. A second document joins the
 * master index of a document already known when someone who saw both — a clerk at the desk or an institution's
 * operator — says they are the same person.
 */
@Service
public class MasterIndexService {

    /** The one answer of {@link #identify} for an unknown document, a wrong name and a person in another region. */
    static final String NAMED_PERSON_NOT_FOUND = "没有与该证件和姓名相符的居民健康卡或电子健康卡";
    static final String KNOWN_DOCUMENT_NOT_FOUND = "「已登记证件」尚未登记：没有该证件的居民或主索引，或不在您的管辖范围内";

    private static final Pattern VISIT_CARD_NO = Pattern.compile("^[\\x21-\\x7E]{1,64}$");

    private final MasterIndexes masterIndexes;
    private final MasterIndexDocumentRepository documents;
    private final MasterIndexCardRepository cards;
    private final VisitCardRepository visitCards;
    private final EhcAccountRepository accounts;
    private final EhcAccountService accountService;
    private final ResidentService residents;
    private final InstitutionService institutions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MasterIndexService(MasterIndexes masterIndexes, MasterIndexDocumentRepository documents,
                       MasterIndexCardRepository cards, VisitCardRepository visitCards, EhcAccountRepository accounts,
                       EhcAccountService accountService, ResidentService residents, InstitutionService institutions,
                       ApplicationEventPublisher events, Clock clock) {
        this.masterIndexes = masterIndexes;
        this.documents = documents;
        this.cards = cards;
        this.visitCards = visitCards;
        this.accounts = accounts;
        this.accountService = accountService;
        this.residents = residents;
        this.institutions = institutions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Joins {@code added} to the master index of {@code known}, another document of the same person: the caller has
     * seen both (EHC-01). The master index of {@code known} is created if it has none yet (e.g. a card holder before
     * the bulk job). Linking a document twice changes nothing.
     *
     * @throws ConflictException {@code DOCUMENT_OF_ANOTHER_PERSON} when {@code added} belongs to another master index
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public MasterIndexView linkDocument(DocumentRef known, DocumentRef added) {
        List<FieldViolation> violations = new ArrayList<>();
        CheckedDocument first = RegistrationRules.document(known, "knownDocument", violations);
        CheckedDocument second = RegistrationRules.document(added, "addedDocument", violations);
        if (first != null && second != null && first.type().equals(second.type())
                && first.number().equals(second.number())) {
            violations.add(new FieldViolation("addedDocumentNumber", "「新证件」须是本人的另一个证件"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        CurrentUser user = SecurityContextUsers.require();
        KeyedDocument knownKeyed = keyed(first);
        Optional<String> resident = residents.findByDocument(first.type(), first.number());
        Optional<MasterIndex> existing = masterIndexes.ofDocument(knownKeyed.index()).flatMap(masterIndexes::get);
        // unknown and outside the caller's region answer alike (ORG-05), before anything is written
        String region = existing.map(MasterIndex::regionCode)
                .or(() -> resident.map(id -> residents.summary(id).regionCode()))
                .filter(user::canSee).orElseThrow(() -> new NotFoundException(KNOWN_DOCUMENT_NOT_FOUND));
        MasterIndex index = existing.orElseGet(() -> masterIndexes.get(masterIndexes.ensure(knownKeyed, region,
                resident.orElseThrow())).orElseThrow());
        masterIndexes.link(index.id(), keyed(second), index.regionCode(), user.username());
        return view(index);
    }

    /** The master index of the person with this document, if any. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR')")
    public Optional<String> findByDocument(DocumentRef document) {
        List<FieldViolation> violations = new ArrayList<>();
        CheckedDocument checked = RegistrationRules.document(document, "document", violations);
        if (checked == null) {
            throw new DomainValidationException(violations);
        }
        return masterIndexes.ofDocument(residents.documentIndex(checked.type(), checked.number()));
    }

    /** What the master index links (masked), within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR')")
    public MasterIndexView get(String masterIndexId) {
        MasterIndex index = masterIndexes.get(masterIndexId == null ? "" : masterIndexId.trim().toUpperCase())
                .filter(i -> SecurityContextUsers.require().canSee(i.regionCode()))
                .orElseThrow(() -> new NotFoundException("主索引不存在: " + masterIndexId));
        return view(index);
    }

    /**
     * Binds a hospital visit card (就诊卡) issued by {@code institutionCode} (default: the caller's institution, which
     * must lie within the caller's region) to the master index of the e-card {@code ehcId}, which must lie within the
     * caller's region too (EHC-07, ORG-05; otherwise 404 as for an unknown e-card). Binding the same
     * card again changes nothing; a visit card number of the institution bound to another person is refused.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public VisitCardView bindVisitCard(String ehcId, String institutionCode, String visitCardNo) {
        List<FieldViolation> violations = new ArrayList<>();
        if (visitCardNo == null || !VISIT_CARD_NO.matcher(visitCardNo.trim()).matches()) {
            violations.add(new FieldViolation("visitCardNo", "「就诊卡号」应为1–64个可打印字符"));
        }
        if (ehcId == null || ehcId.isBlank()) {
            violations.add(new FieldViolation("ehcId", "请填写「电子健康卡ID」"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        CurrentUser user = SecurityContextUsers.require();
        String code = institutionCode == null || institutionCode.isBlank() ? user.institutionCode()
                : institutionCode.trim();
        Institution institution;
        try {
            institution = institutions.get(code);
        } catch (NotFoundException e) {
            throw new DomainValidationException("institutionCode", "「发卡医院」不存在: " + code);
        }
        if (!user.canSee(institution.region().value())) {
            throw new AccessDeniedException("institution outside the user's region");
        }
        // the e-card must lie within the caller's region (ORG-05): outside it is "not found", like an unknown one
        EhcAccount account = accounts.findById(ehcId.trim().toUpperCase()).filter(a -> user.canSee(a.regionCode()))
                .orElseThrow(() -> new NotFoundException("电子健康卡不存在或不在您的管辖范围内"));
        String number = visitCardNo.trim();
        Optional<VisitCard> existing = visitCards.findByInstitutionCodeAndVisitCardNo(code, number);
        if (existing.isPresent()) {
            if (!existing.get().masterIndexId().equals(account.masterIndexId())) {
                throw new ConflictException("VISIT_CARD_OF_ANOTHER_PERSON", "该医院的就诊卡 " + number + " 已绑定他人");
            }
            return view(existing.get());
        }
        VisitCard card = visitCards.save(new VisitCard(account.masterIndexId(), code, number, clock.instant(),
                user.username()));
        events.publishEvent(new VisitCardBound(account.masterIndexId(), institution.region().value(), code, number));
        return view(card);
    }

    /**
     * The person an authorised app names by document type, number and full name (INT-05, decision 015): the app vouches
     * for its own real-name check, this checks that the name is the document holder's — by the resident's keyed name
     * index, or for a person without a resident record by the e-card account's — and that the person lies within the
     * caller's region. Nothing is decrypted; the answer carries the person's e-card and visit cards (EHC-07).
     *
     * @throws DomainValidationException naming each bad field
     * @throws NotFoundException         {@link #NAMED_PERSON_NOT_FOUND}: unknown document, wrong name or another
     *                                   region — one answer for all
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('APP')")
    public IdentifiedPerson identify(DocumentRef document, String name) {
        List<FieldViolation> violations = new ArrayList<>();
        CheckedDocument checked = RegistrationRules.document(document, "document", violations);
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "请填写「姓名」"));
        } else if (name.trim().length() > 50) {
            violations.add(new FieldViolation("name", "「姓名」最多50个字符"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        Optional<String> residentId = residents.findByDocument(checked.type(), checked.number());
        Optional<MasterIndex> index = masterIndexes.ofDocument(residents.documentIndex(checked.type(),
                checked.number())).flatMap(masterIndexes::get);
        String region = residentId.map(id -> residents.summary(id).regionCode())
                .or(() -> index.map(MasterIndex::regionCode))
                .orElseThrow(() -> new NotFoundException(NAMED_PERSON_NOT_FOUND));
        Optional<EhcAccount> account = index.flatMap(i -> accounts.findByMasterIndexId(i.id()));
        boolean nameMatches = residentId.map(id -> residents.nameMatches(id, name.trim()))
                // no resident record (registered from an app only): the account's keyed index of the full name
                .orElseGet(() -> account.map(a -> accountService.nameMatches(a, name)).orElse(false));
        if (!nameMatches || !SecurityContextUsers.require().canSee(region)) {
            throw new NotFoundException(NAMED_PERSON_NOT_FOUND);
        }
        return new IdentifiedPerson(residentId.orElse(null), index.map(MasterIndex::id).orElse(null), region,
                checked.type(), Masking.documentNumber(checked.number()), account.map(EhcAccount::toView).orElse(null),
                index.map(i -> visitCards.findByMasterIndexIdOrderByRegisteredAtAsc(i.id()).stream().map(this::view)
                        .toList()).orElse(List.of()));
    }

    private MasterIndexView view(MasterIndex index) {
        Optional<EhcAccount> account = accounts.findByMasterIndexId(index.id());
        return new MasterIndexView(index.id(), index.regionCode(), index.createdAt(),
                documents.findByMasterIndexIdOrderByLinkedAtAsc(index.id()).stream()
                        .map(d -> new MasterIndexView.LinkedDocument(d.documentType(), d.documentNumberMasked(),
                                d.linkedAt(), d.linkedBy(), d.verifiedBy())).toList(),
                cards.findByMasterIndexIdOrderByLinkedAtAsc(index.id()).stream().map(MasterIndexCard::cardNo).toList(),
                account.map(EhcAccount::ehcId).orElse(null), account.map(EhcAccount::status).orElse(null),
                visitCards.findByMasterIndexIdOrderByRegisteredAtAsc(index.id()).stream().map(this::view).toList());
    }

    private VisitCardView view(VisitCard card) {
        String name;
        try {
            name = institutions.get(card.institutionCode()).name();
        } catch (NotFoundException e) {
            name = null;
        }
        return new VisitCardView(card.institutionCode(), name, card.visitCardNo(), card.registeredAt(),
                card.registeredBy());
    }

    private KeyedDocument keyed(CheckedDocument d) {
        return new KeyedDocument(residents.documentIndex(d.type(), d.number()), d.type(),
                Masking.documentNumber(d.number()));
    }
}
