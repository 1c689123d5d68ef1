package cn.healthcard.keys.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface KeyComponentRepository extends JpaRepository<KeyComponentRecord, Long> {

    List<KeyComponentRecord> findByCeremonyIdOrderByComponentIndex(String ceremonyId);

    Optional<KeyComponentRecord> findByCeremonyIdAndCustodian(String ceremonyId, String custodian);
}
