package cn.healthcard.keys.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface KeyRecordRepository extends JpaRepository<KeyRecord, Long> {

    Optional<KeyRecord> findByLabelAndVersion(String label, int version);

    List<KeyRecord> findByLabel(String label);
}
