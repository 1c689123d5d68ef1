package cn.healthcard.sam.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

/** The SAM register's rows. */
public interface SamCardRepository extends JpaRepository<SamCard, String>, JpaSpecificationExecutor<SamCard> {

    /** The card with its version raised at once (and its row locked): a racing change on it then collides. */
    @Lock(LockModeType.PESSIMISTIC_FORCE_INCREMENT)
    @Query("select c from SamCard c where c.samNo = ?1")
    Optional<SamCard> bumpVersion(String samNo);

    Optional<SamCard> findByTerminalNo(String terminalNo);

    List<SamCard> findByInstitutionCodeOrPlaceCodeOrderBySamNo(String institutionCode, String placeCode);

    /** Terminals whose bound SAM is frozen: [terminal_no]. */
    @Query("select c.terminalNo from SamCard c where c.state = cn.healthcard.sam.SamState.FROZEN"
            + " and c.terminalNo is not null")
    List<String> frozenTerminals();

    /** Every bound SAM with its terminal: [terminal_no, sam_no]. */
    @Query("select c.terminalNo, c.samNo from SamCard c where c.terminalNo is not null")
    List<Object[]> boundTerminals();

    /** A terminal bound to a new SAM is no longer held by the SAM cancelled on it before (decision 030). */
    @Modifying(flushAutomatically = true)
    @Query("update SamCard c set c.cancelledTerminalNo = null where c.cancelledTerminalNo = ?1")
    int clearCancelledBlock(String terminalNo);

    /** Terminals whose last SAM was cancelled and that have not got another SAM since. */
    @Query("select distinct c.cancelledTerminalNo from SamCard c where c.state = cn.healthcard.sam.SamState.CANCELLED"
            + " and c.cancelledTerminalNo is not null and not exists"
            + " (select b.samNo from SamCard b where b.terminalNo = c.cancelledTerminalNo)")
    List<String> cancelledTerminals();
}
