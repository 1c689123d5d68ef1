package cn.healthcard.ehc;

import cn.healthcard.common.ConflictException;
import cn.healthcard.ehc.EhcEvents.MasterIndexCreated;
import cn.healthcard.ehc.EhcEvents.MasterIndexDocumentLinked;
import cn.healthcard.ehc.internal.MasterIndex;
import cn.healthcard.ehc.internal.MasterIndexCard;
import cn.healthcard.ehc.internal.MasterIndexCardRepository;
import cn.healthcard.ehc.internal.MasterIndexDocument;
import cn.healthcard.ehc.internal.MasterIndexDocumentRepository;
import cn.healthcard.ehc.internal.MasterIndexIds;
import cn.healthcard.ehc.internal.MasterIndexRepository;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The master index's bookkeeping, shared by the services of this module (EHC-01): a document (by its keyed index)
 * belongs to exactly one master index; physical cards are linked as they are made. Runs in the caller's transaction.
 */
@Component
class MasterIndexes {

    private final MasterIndexRepository indexes;
    private final MasterIndexDocumentRepository documents;
    private final MasterIndexCardRepository cards;
    private final MasterIndexIds ids;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MasterIndexes(MasterIndexRepository indexes, MasterIndexDocumentRepository documents,
                  MasterIndexCardRepository cards, MasterIndexIds ids, ApplicationEventPublisher events, Clock clock) {
        this.indexes = indexes;
        this.documents = documents;
        this.cards = cards;
        this.ids = ids;
        this.events = events;
        this.clock = clock;
    }

    /** A document as the master index keeps it: keyed index, type and mask. */
    record KeyedDocument(String index, String type, String masked) {
    }

    Optional<String> ofDocument(String documentIndex) {
        return documents.findById(documentIndex).map(MasterIndexDocument::masterIndexId);
    }

    Optional<String> ofCard(String cardNo) {
        return cards.findById(cardNo).map(MasterIndexCard::masterIndexId);
    }

    Optional<MasterIndex> get(String masterIndexId) {
        return indexes.findById(masterIndexId);
    }

    /** The master index of the document, created with the document as its first when there is none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String ensure(KeyedDocument document, String regionCode, String residentId) {
        Optional<String> existing = ofDocument(document.index());
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        String id = ids.next();
        indexes.save(new MasterIndex(id, regionCode, now, SecurityContextUsers.actor()));
        save(new MasterIndexDocument(document.index(), id, document.type(), document.masked(), now,
                SecurityContextUsers.actor(), null));
        events.publishEvent(new MasterIndexCreated(id, regionCode, document.type(), document.masked(), residentId));
        return id;
    }

    /**
     * Joins another document of the same person to the master index; {@code verifiedBy} saw both documents. Nothing
     * happens when it is linked already; a document of another master index is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void link(String masterIndexId, KeyedDocument document, String regionCode, String verifiedBy) {
        Optional<String> current = ofDocument(document.index());
        if (current.isPresent()) {
            if (!current.get().equals(masterIndexId)) {
                throw new ConflictException("DOCUMENT_OF_ANOTHER_PERSON",
                        "该证件已登记在另一个主索引下，不能关联到本人；如确属同一人，请联系注册管理中心核实合并");
            }
            return;
        }
        save(new MasterIndexDocument(document.index(), masterIndexId, document.type(), document.masked(),
                clock.instant(), SecurityContextUsers.actor(), verifiedBy));
        events.publishEvent(new MasterIndexDocumentLinked(masterIndexId, regionCode, document.type(),
                document.masked(), verifiedBy));
    }

    /** Links a physical card to the master index (nothing when linked already). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void linkCard(String masterIndexId, String cardNo) {
        if (!cards.existsById(cardNo)) {
            cards.save(new MasterIndexCard(cardNo, masterIndexId, clock.instant()));
        }
    }

    private void save(MasterIndexDocument document) {
        try {
            documents.saveAndFlush(document);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("CONCURRENT_REGISTRATION", "该证件正在另一处同时登记，请稍后重试");
        }
    }
}
