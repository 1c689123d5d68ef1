package cn.healthcard.ehc.internal;

import cn.healthcard.ehc.BulkRunView;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface BulkRunRepository extends JpaRepository<BulkRun, Long> {
    Optional<BulkRun> findFirstByStateNotOrderByIdDesc(BulkRunView.State state);

    List<BulkRun> findTop20ByOrderByIdDesc();
}
