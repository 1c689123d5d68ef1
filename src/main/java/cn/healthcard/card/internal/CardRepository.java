package cn.healthcard.card.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface CardRepository extends JpaRepository<Card, String> {
    List<Card> findByResidentIdOrderByCreatedAtAsc(String residentId);

    default List<Card> findByResidentId(String residentId) {
        return findByResidentIdOrderByCreatedAtAsc(residentId);
    }
}
