package cn.healthcard.card.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BlacklistRepository extends JpaRepository<BlacklistEntry, Long> {
    List<BlacklistEntry> findByDocumentIndexAndRemovedAtIsNull(String documentIndex);
}
