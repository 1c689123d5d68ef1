package cn.healthcard.card.internal;

import cn.healthcard.card.BlacklistKind;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.List;

public interface BlacklistRepository extends JpaRepository<BlacklistEntry, Long>,
        JpaSpecificationExecutor<BlacklistEntry> {

    List<BlacklistEntry> findByKindAndDocumentIndexAndRemovedAtIsNullOrderByIdAsc(BlacklistKind kind,
                                                                                  String documentIndex);

    List<BlacklistEntry> findByKindAndCardNoAndRemovedAtIsNullOrderByIdAsc(BlacklistKind kind, String cardNo);
}
