package cn.healthcard.gateway;

import cn.healthcard.audit.PersonalDataRead;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardView;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.EhcAccountService;
import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.ehc.EhcStatus;
import cn.healthcard.ehc.IdentifiedPerson;
import cn.healthcard.ehc.MasterIndexService;
import cn.healthcard.ehc.QrCode;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.List;

/**
 * The residents' own query (居民健康卡信息个人查询, 004 §5, INT-05) through an authorised app (EHC-06): the app names the
 * resident by document type, number and full name — it vouches for its own real-name check — and the resident sees
 * their physical cards, e-card with its code, and hospital visit cards (EHC-07). The name must be the document
 * holder's; a person outside the app's region, an unknown document and a wrong name all answer the same "not found"
 * ({@link MasterIndexService#identify}). Each answer is audited as a read of personal data ({@link PersonalDataRead})
 * when the person has a resident record.
 */
@Service
public class PersonalQueryService {

    private final MasterIndexService masterIndexes;
    private final EhcAccountService accounts;
    private final CardService cards;
    private final ApplicationEventPublisher events;

    PersonalQueryService(MasterIndexService masterIndexes, EhcAccountService accounts, CardService cards,
                         ApplicationEventPublisher events) {
        this.masterIndexes = masterIndexes;
        this.accounts = accounts;
        this.cards = cards;
        this.events = events;
    }

    /** The resident's cards, e-card and visit cards (INT-05); audited. */
    @Transactional
    @PreAuthorize("hasRole('APP')")
    public PersonalQueryView query(DocumentRef document, String name) {
        IdentifiedPerson person = masterIndexes.identify(document, name);
        List<PersonalQueryView.CardItem> cardItems = person.residentId() == null ? List.of()
                : cards.ofResident(person.residentId()).stream()
                .sorted(Comparator.comparing(CardView::cardNo))
                .map(c -> new PersonalQueryView.CardItem(maskCardNo(c.cardNo()), c.status(), c.status().nameZh(),
                        c.issuedAt())).toList();
        PersonalQueryView.ECard ecard = person.ecard() == null ? null : ecard(person.ecard());
        if (person.residentId() != null) {
            events.publishEvent(new PersonalDataRead(person.residentId(), person.regionCode(),
                    "居民个人查询 (INT-05) 经应用 " + SecurityContextUsers.actor()));
        }
        return new PersonalQueryView(person.masterIndexId(), person.documentType(), person.documentNumberMasked(),
                cardItems, ecard, person.visitCards());
    }

    /** The static or a new dynamic code of the resident's active e-card (EHC-04), for the resident the app names. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('APP')")
    public QrCode qrCode(DocumentRef document, String name, QrCode.Type type) {
        if (type == null) {
            throw new DomainValidationException("qr_type", "「二维码类型」应为 STATIC 或 DYNAMIC");
        }
        IdentifiedPerson person = masterIndexes.identify(document, name);
        if (person.ecard() == null) {
            throw new NotFoundException("该居民尚未开通电子健康卡");
        }
        String ehcId = person.ecard().ehcId();
        return type == QrCode.Type.STATIC ? accounts.staticQr(ehcId) : accounts.dynamicQr(ehcId);
    }

    private PersonalQueryView.ECard ecard(EhcAccountView account) {
        String text = null;
        byte[] png = null;
        if (account.status() == EhcStatus.ACTIVE) {
            QrCode code = accounts.staticQr(account.ehcId());
            text = code.text();
            png = accounts.png(code);
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
