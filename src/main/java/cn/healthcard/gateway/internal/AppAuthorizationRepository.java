package cn.healthcard.gateway.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface AppAuthorizationRepository extends JpaRepository<AppAuthorization, Long> {
    List<AppAuthorization> findByAppIdOrderByGrantedAtDescIdDesc(String appId);
}
