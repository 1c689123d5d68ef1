package cn.healthcard.security.internal;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface PasswordHistoryRepository extends JpaRepository<PasswordHistoryEntry, String> {

    List<PasswordHistoryEntry> findByUsernameOrderByChangedAtDesc(String username, Limit limit);
}
