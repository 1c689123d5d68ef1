package cn.healthcard.sam.internal;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface SamBlacklistChangeRepository extends JpaRepository<SamBlacklistChangeRecord, Long> {

    List<SamBlacklistChangeRecord> findBySeqGreaterThanOrderBySeqAsc(long since, Limit limit);
}
