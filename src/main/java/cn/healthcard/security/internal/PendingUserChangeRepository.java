package cn.healthcard.security.internal;

import cn.healthcard.security.UserManagement.ChangeStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface PendingUserChangeRepository extends JpaRepository<PendingUserChange, String> {

    List<PendingUserChange> findByStatusOrderByRequestedAt(ChangeStatus status);

    boolean existsByUsernameAndStatus(String username, ChangeStatus status);
}
