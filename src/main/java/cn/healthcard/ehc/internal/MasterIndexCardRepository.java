package cn.healthcard.ehc.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface MasterIndexCardRepository extends JpaRepository<MasterIndexCard, String> {
    List<MasterIndexCard> findByMasterIndexIdOrderByLinkedAtAsc(String masterIndexId);
}
