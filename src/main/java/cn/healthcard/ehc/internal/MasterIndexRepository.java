package cn.healthcard.ehc.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MasterIndexRepository extends JpaRepository<MasterIndex, String> {
}
