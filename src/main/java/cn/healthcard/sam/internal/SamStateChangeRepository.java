package cn.healthcard.sam.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SamStateChangeRepository extends JpaRepository<SamStateChange, Long> {
}
