package cn.healthcard.card.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TemporaryCardRepository extends JpaRepository<TemporaryCard, String> {
}
