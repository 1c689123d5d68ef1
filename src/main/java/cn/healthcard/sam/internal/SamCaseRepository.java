package cn.healthcard.sam.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface SamCaseRepository extends JpaRepository<SamCase, String> {

    Optional<SamCase> findByOpenSamNo(String samNo);

    List<SamCase> findBySamNoOrderByRequestedAtDesc(String samNo);
}
