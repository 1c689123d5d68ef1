package cn.healthcard.ehc;

import cn.healthcard.audit.PersonalDataRead;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardView;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.Masking;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.RegistrationRules.CheckedDocument;
import cn.healthcard.ehc.internal.EhcAccount;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.ehc.internal.MasterIndex;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The residents' own query (居民健康卡信息个人查询, 004 §5, INT-05) through an authorised app (EHC-06): the app names the
 * resident by document type, number and full name — it vouches for its own real-name check — and the resident sees
 * their physical cards, e-card with its code, and hospital visit cards (EHC-07). The name must be the document
 * holder's; a person outside the app's region, an unknown document and a wrong name all answer the same "not found".
 * Each answer is audited as a read of personal data ({@link PersonalDataRead}) when the person has a resident record.
 */
@Service
public class PersonalQueryService {

    static final String NOT_FOUND = "没有与该证件和姓名相符的居民健康卡或电子健康卡";

    private final MasterIndexes masterIndexes;
    private final MasterIndexService masterIndexService;
    private final EhcAccountRepository accounts;
    private final EhcAccountService accountService;
    private final ResidentService residents;
    private final CardService cards;
    private final ApplicationEventPublisher events;

    PersonalQueryService(MasterIndexes masterIndexes, MasterIndexService masterIndexService,
                         EhcAccountRepository accounts, EhcAccountService accountService, ResidentService residents,
                         CardService cards, ApplicationEventPublisher events) {
        this.masterIndexes = masterIndexes;
        this.masterIndexService = masterIndexService;
        this.accounts = accounts;
        this.accountService = accountService;
        this.residents = residents;
        this.cards = cards;
        this.events = events;
    }

    /** A person identified by an app: their resident record and master index, either may be missing (not both). */
    record Person(String residentId, String masterIndexId, String regionCode, CheckedDocument document) {
    }

    /** The resident's cards, e-card and visit cards (INT-05); audited. */
    @Transactional
    @PreAuthorize("hasRole('APP')")
    public PersonalQueryView query(DocumentRef document, String name) {
        Person person = identify(document, name);
        Optional<EhcAccount> account = Optional.ofNullable(person.masterIndexId())
                .flatMap(accounts::findByMasterIndexId);
        List<PersonalQueryView.CardItem> cardItems = person.residentId() == null ? List.of()
                : cards.ofResident(person.residentId()).stream()
                .sorted(Comparator.comparing(CardView::cardNo))
                .map(c -> new PersonalQueryView.CardItem(maskCardNo(c.cardNo()), c.status(), c.status().nameZh(),
                        c.issuedAt())).toList();
        PersonalQueryView.ECard ecard = account.map(this::ecard).orElse(null);
        List<VisitCardView> visits = person.masterIndexId() == null ? List.of()
                : masterIndexService.visitCardsOf(person.masterIndexId());
        if (person.residentId() != null) {
            events.publishEvent(new PersonalDataRead(person.residentId(), person.regionCode(),
                    "居民个人查询 (INT-05) 经应用 " + SecurityContextUsers.actor()));
        }
        return new PersonalQueryView(person.masterIndexId(), person.document().type(),
                Masking.documentNumber(person.document().number()), cardItems, ecard, visits);
    }

    /** The static or a new dynamic code of the resident's active e-card (EHC-04), for the resident the app names. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('APP')")
    public QrCode qrCode(DocumentRef document, String name, QrCode.Type type) {
        if (type == null) {
            throw new DomainValidationException("qr_type", "「二维码类型」应为 STATIC 或 DYNAMIC");
        }
        Person person = identify(document, name);
        EhcAccount account = Optional.ofNullable(person.masterIndexId()).flatMap(accounts::findByMasterIndexId)
                .orElseThrow(() -> new NotFoundException("该居民尚未开通电子健康卡"));
        return type == QrCode.Type.STATIC ? accountService.staticQr(account.ehcId())
                : accountService.dynamicQr(account.ehcId());
    }

    /**
     * The person with the document, if the name is theirs and they lie within the caller's region.
     *
     * @throws DomainValidationException naming each bad field
     * @throws NotFoundException         unknown document, wrong name or another region — one answer for all
     */
    Person identify(DocumentRef document, String name) {
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
                .or(() -> index.map(MasterIndex::regionCode)).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        boolean nameMatches = residentId.map(id -> residents.nameMatches(id, name.trim()))
                // no resident record (registered from an app only): the account's keyed index of the full name
                .orElseGet(() -> index.flatMap(i -> accounts.findByMasterIndexId(i.id()))
                        .map(a -> accountService.nameMatches(a, name)).orElse(false));
        CurrentUser caller = SecurityContextUsers.require();
        if (!nameMatches || !caller.canSee(region)) {
            throw new NotFoundException(NOT_FOUND);
        }
        return new Person(residentId.orElse(null), index.map(MasterIndex::id).orElse(null), region, checked);
    }

    private PersonalQueryView.ECard ecard(EhcAccount account) {
        String text = null;
        byte[] png = null;
        if (account.status() == EhcStatus.ACTIVE) {
            QrCode code = accountService.staticQr(account.ehcId());
            text = code.text();
            png = accountService.png(code);
        }
        return new PersonalQueryView.ECard(account.ehcId(), account.status(), account.status().nameZh(),
                account.nameMasked(), text, png);
    }

    private static String maskCardNo(String cardNo) {
        if (cardNo.length() <= 8) {
            return cardNo.charAt(0) + "*".repeat(cardNo.length() - 1);
        }
        return cardNo.substring(0, 4) + "*".repeat(cardNo.length() - 8) + cardNo.substring(cardNo.length() - 4);
    }
}
