package cn.healthcard.keys.internal;

import cn.healthcard.keys.CeremonyStatus;
import cn.healthcard.keys.KeyOperation;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface KeyCeremonyRepository extends JpaRepository<KeyCeremony, String> {

    List<KeyCeremony> findTop200ByOrderByInitiatedAtDesc();

    List<KeyCeremony> findByKeyLabelAndStatusIn(String keyLabel, Collection<CeremonyStatus> statuses);

    List<KeyCeremony> findByOperationAndStatusAndKeyLabelAndKeyVersionOrderByCompletedAtDesc(
            KeyOperation operation, CeremonyStatus status, String keyLabel, Integer keyVersion);
}
