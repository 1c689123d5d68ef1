package cn.healthcard.keys.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KeyReceiverRepository extends JpaRepository<KeyReceiver, String> {
}
