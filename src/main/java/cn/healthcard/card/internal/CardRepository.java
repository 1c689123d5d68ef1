package cn.healthcard.card.internal;

import cn.healthcard.card.CardStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface CardRepository extends JpaRepository<Card, String> {
    List<Card> findByResidentIdOrderByCreatedAtAsc(String residentId);

    default List<Card> findByResidentId(String residentId) {
        return findByResidentIdOrderByCreatedAtAsc(residentId);
    }

    /** The card made to replace {@code cardNo} (LC-04), if any. */
    Optional<Card> findFirstByReplacesCardNo(String cardNo);

    /** A page of cards in the given statuses after a card number, in card-number order (keyset paging). */
    List<Card> findByStatusInAndCardNoGreaterThanOrderByCardNoAsc(Collection<CardStatus> statuses, String afterCardNo,
                                                                  Pageable page);
}
