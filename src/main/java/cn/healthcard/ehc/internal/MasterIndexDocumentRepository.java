package cn.healthcard.ehc.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface MasterIndexDocumentRepository extends JpaRepository<MasterIndexDocument, String> {
    List<MasterIndexDocument> findByMasterIndexIdOrderByLinkedAtAsc(String masterIndexId);
}
