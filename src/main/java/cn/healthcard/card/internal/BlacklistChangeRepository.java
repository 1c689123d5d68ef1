package cn.healthcard.card.internal;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BlacklistChangeRepository extends JpaRepository<BlacklistChangeRecord, Long> {

    List<BlacklistChangeRecord> findBySeqGreaterThanOrderBySeqAsc(long since, Limit limit);
}
