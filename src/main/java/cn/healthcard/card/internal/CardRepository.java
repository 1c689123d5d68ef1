package cn.healthcard.card.internal;

import cn.healthcard.card.CardStatus;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CardRepository extends JpaRepository<Card, String> {
    boolean existsByResidentIdAndStatusNot(String residentId, CardStatus status);
}
